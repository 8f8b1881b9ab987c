import { Document, isScalar, visit } from 'yaml'

/** Plain scalars compose would not read back as the same string (go-yaml's words, and 1.1's). */
const SPECIAL_WORDS =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
/** Go's integer syntax (`0x1F`, `0o17`, `0b1`, `0755`), underscores allowed, and YAML's floats. */
const NUMBER =
  /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)$/
/** Digits and colons (`"8080:80"`, `"1:20"`): YAML 1.1 reads some as base-60 numbers. */
const PORT_LIKE = /^[0-9][0-9:.]*$/

/**
 * Whether a string must be quoted to stay a string: compose types plain scalars (`0755` is a
 * number, `true` a boolean), so what reads as a number or a special word is quoted, and so are
 * port-like strings, as people write them. The yaml package quotes what YAML's syntax needs.
 */
export function needsQuotes(text: string): boolean {
  return text === '' || SPECIAL_WORDS.test(text) || NUMBER.test(text) || PORT_LIKE.test(text)
}

/**
 * The compose document as YAML, with the `yaml` package: block style, no line folding (a
 * command stays on its line), `key:` for an empty entry, and every string that compose would
 * read as something else quoted, keys included. A string with a line break is double-quoted
 * with escapes: the package writes some as block scalars that do not read back (`" \n"` comes
 * back as `"\n"`: a first line of spaces only, with no indentation indicator).
 */
export function stringifyCompose(document: Record<string, unknown>): string {
  const doc = new Document(document)
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return
      if (needsQuotes(node.value) || /[\n\r]/.test(node.value)) node.type = 'QUOTE_DOUBLE'
    },
  })
  return doc.toString({ lineWidth: 0, nullStr: '' })
}
