import type { Scalar } from './tree.ts'

/**
 * The type of a plain (unquoted) scalar, resolved the way compose's YAML decoder (go-yaml v3/v4)
 * resolves it, which is YAML 1.2's core schema with Go's integer syntax: `yes`/`on` stay strings,
 * but `0755` is octal (493) and `0x1F`, `0o17`, `0b101` and `1_000` are integers. Quoted and block
 * scalars are always strings. Timestamps stay strings (go-yaml makes them times, which compose
 * then prints back; keeping the text is what a user means).
 */
export function resolvePlain(text: string): Scalar {
  const special = SPECIAL.get(text)
  if (special !== undefined) return special.value
  const first = text.charAt(0)
  if (first === '.') return FLOAT_FROM_DOT.test(text) ? Number(text) : text
  if (!/^[-+0-9]$/.test(first)) return text
  const plain = text.replaceAll('_', '')
  const integer = parseGoInteger(plain)
  if (integer !== undefined) return integer
  return YAML_FLOAT.test(plain) ? Number(plain) : text
}

const SPECIAL = new Map<string, { value: Scalar }>([
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, { value: null }] as const),
  ...['true', 'True', 'TRUE'].map((s) => [s, { value: true }] as const),
  ...['false', 'False', 'FALSE'].map((s) => [s, { value: false }] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, { value: Number.NaN }] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(
    (s) => [s, { value: Number.POSITIVE_INFINITY }] as const,
  ),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, { value: Number.NEGATIVE_INFINITY }] as const),
  ...['-0', '-0.0'].map((s) => [s, { value: -0 }] as const),
])

const FLOAT_FROM_DOT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/
const GO_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([0-9]+))$/

/** Go's `strconv.ParseInt(s, 0, 64)` syntax: a sign, then hex, octal, binary or decimal digits. */
function parseGoInteger(text: string): number | undefined {
  const match = GO_INTEGER.exec(text)
  if (!match) return undefined
  const [, sign, hex, octal, binary, legacyOctal, decimal] = match
  const magnitude =
    hex !== undefined
      ? parseInt(hex, 16)
      : octal !== undefined
        ? parseInt(octal, 8)
        : binary !== undefined
          ? parseInt(binary, 2)
          : legacyOctal !== undefined
            ? parseInt(legacyOctal, 8)
            : decimal !== undefined && (decimal === '0' || !decimal.startsWith('0'))
              ? parseInt(decimal, 10)
              : undefined
  if (magnitude === undefined) return undefined
  return sign === '-' ? -magnitude : magnitude
}

const STANDARD_TAG = 'tag:yaml.org,2002:'

/**
 * A scalar with an explicit standard tag (`!!str 12`, `!!int "12"`). Returns `undefined` for a
 * tag this reader does not know, and an `Error` when the text does not fit the tag.
 */
export function resolveTagged(tag: string, text: string): Scalar | Error | undefined {
  if (!tag.startsWith(STANDARD_TAG)) return undefined
  const name = tag.slice(STANDARD_TAG.length)
  if (name === 'str' || name === 'timestamp' || name === 'binary') return text
  const resolved = resolvePlain(text)
  const fits =
    (name === 'int' && Number.isInteger(resolved)) ||
    (name === 'float' && typeof resolved === 'number') ||
    (name === 'bool' && typeof resolved === 'boolean') ||
    (name === 'null' && resolved === null)
  if (name !== 'int' && name !== 'float' && name !== 'bool' && name !== 'null') return undefined
  return fits ? resolved : new Error(`cannot read ${JSON.stringify(text)} as !!${name}`)
}
