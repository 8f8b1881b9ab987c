import type { Issues } from '../issues.ts'
import { type MapEntry, type YamlNode, scalarNode } from '../yaml/tree.ts'
import { castFor } from './casts.ts'
import { type Lookup, substitute, TemplateError } from './template.ts'

/**
 * The most `${` one value may hold. Substitution reads the rest of the line again for each one
 * (as compose does, after its first closing brace), so a value of many costs their number times
 * its length: a cap keeps a 512 KiB file to well under a second. Real files hold a few.
 */
export const MAX_TEMPLATES_PER_VALUE = 256

/**
 * Interpolates every string value of the tree (keys are left alone, as compose does), then casts
 * the values compose casts. A missing required variable or a bad template is an error at the line
 * of the value; a variable that is not set is a warning there (compose uses '' for it).
 * Returns a new tree: nodes keep their positions.
 */
export function interpolateTree<T extends YamlNode>(root: T, lookup: Lookup, issues: Issues): T {
  const warned = new Set<string>()
  const walk = (node: YamlNode, path: (string | number)[], pattern: string[]): YamlNode => {
    switch (node.kind) {
      case 'map':
        return {
          ...node,
          entries: node.entries.map((entry): MapEntry => ({
            ...entry,
            value: walk(entry.value, [...path, entry.key], [...pattern, entry.key]),
          })),
        }
      case 'seq':
        return {
          ...node,
          items: node.items.map((item, i) => walk(item, [...path, i], [...pattern, '[]'])),
        }
      case 'scalar': {
        if (typeof node.value !== 'string') return node
        const unset = new Set<string>()
        let text: string
        if (templatesIn(node.value) > MAX_TEMPLATES_PER_VALUE) {
          const most = String(MAX_TEMPLATES_PER_VALUE)
          issues.error(`more than ${most} \${…} templates in one value`, node.pos, path)
          return node
        }
        try {
          text = substitute(node.value, lookup, unset)
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error
          issues.error(error.message, node.pos, path)
          return node
        }
        for (const name of unset) {
          if (warned.has(name)) continue
          warned.add(name)
          issues.warn(
            `the ${name} variable is not set; it is replaced by an empty string`,
            node.pos,
            path,
          )
        }
        const cast = castFor(pattern)
        const value = cast ? cast(text) : text
        if (value instanceof Error) {
          const from =
            text === node.value ? '' : ` (interpolated from ${JSON.stringify(node.value)})`
          issues.error(`${value.message}${from}`, node.pos, path)
          return node
        }
        return { ...scalarNode(value, node.pos), ...(node.tag ? { tag: node.tag } : {}) }
      }
    }
  }
  return walk(root, [], []) as T
}

function templatesIn(text: string): number {
  let count = 0
  for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at + 2)) count++
  return count
}
