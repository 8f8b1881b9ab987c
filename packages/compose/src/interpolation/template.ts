/**
 * Variable substitution exactly as the compose CLI does it (compose-go's `template` package):
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+replacement}`, `${VAR+replacement}`, nested templates in defaults, `$$` for `$`.
 * A `$` that starts no template (`$1`, `$ `) is kept as it is.
 */

/** Looks a variable up; `undefined` when it is not set (which differs from set to ''). */
export type Lookup = (name: string) => string | undefined

export class TemplateError extends Error {}

/** Names of variables that were read but not set: compose warns about each and uses ''. */
export type UnsetNames = Set<string>

// compose-go's DefaultPattern: escaped `$$`, named `$VAR`, braced `${...}`, or an invalid `${`.
// `.` stops at a newline, as in Go; the greedy `(.*)` is cut back at the closing brace below.
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?](?:.*))?)\}|()))/gi

export function substitute(
  template: string,
  lookup: Lookup,
  unset: UnsetNames = new Set(),
): string {
  return template.replace(PATTERN, (match) => replaceOne(match, lookup, unset))
}

function replaceOne(matched: string, lookup: Lookup, unset: UnsetNames): string {
  const modifier = modifierFor(matched)
  const close = firstClosingBrace(matched)
  const rest = close > -1 ? matched.slice(close + 1) : ''
  const head = close > -1 ? matched.slice(0, close + 1) : matched
  const groups = new RegExp(PATTERN.source, 'i').exec(head)
  if (groups?.[1] !== undefined) return '$'
  const named = groups?.[2] ?? ''
  const braced = named === '' ? (groups?.[3] ?? '') : ''
  const name = named === '' ? braced : named
  if (name === '')
    throw new TemplateError(`invalid interpolation format in ${JSON.stringify(matched)}`)
  if (braced !== '') {
    const applied = modifier(braced, lookup, unset)
    if (applied !== undefined) return applied + substitute(rest, lookup, unset)
  }
  const value = lookup(name)
  if (value === undefined) unset.add(name)
  return value ?? ''
}

type Modifier = (substitution: string, lookup: Lookup, unset: UnsetNames) => string | undefined

const MODIFIERS: readonly (readonly [string, Modifier])[] = [
  [':?', required(':?', (value) => value !== '')],
  ['?', required('?', () => true)],
  [':-', defaultWhenAbsent(':-', true)],
  ['-', defaultWhenAbsent('-', false)],
  [':+', replacementWhenPresent(':+', true)],
  ['+', replacementWhenPresent('+', false)],
]

/** compose picks the modifier whose separator comes first in the whole match. */
function modifierFor(matched: string): Modifier {
  let best: readonly [string, Modifier] | undefined
  let bestIndex = Number.POSITIVE_INFINITY
  for (const candidate of MODIFIERS) {
    const index = matched.indexOf(candidate[0])
    if (index >= 0 && index < bestIndex) {
      best = candidate
      bestIndex = index
    }
  }
  return (best ?? MODIFIERS[0])?.[1] ?? (() => undefined)
}

/** The index of the brace that closes the first `${`, counting nested `${ }` pairs. */
function firstClosingBrace(text: string): number {
  let open = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}') {
      open--
      if (open === 0) return i
    }
    if (text[i] === '{') {
      open++
      i++
    }
  }
  return -1
}

function partition(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)]
}

function required(separator: string, valid: (value: string) => boolean): Modifier {
  return (substitution, lookup, unset) => {
    if (!substitution.includes(separator)) return undefined
    const [name, reason] = partition(substitution, separator)
    const value = lookup(name)
    if (value !== undefined && valid(value)) return value
    const because = substitute(reason, lookup, unset)
    throw new TemplateError(
      `required variable ${name} is missing a value${because === '' ? '' : `: ${because}`}`,
    )
  }
}

function defaultWhenAbsent(separator: string, emptyToo: boolean): Modifier {
  return (substitution, lookup, unset) => {
    if (!substitution.includes(separator)) return undefined
    const [name, fallback] = partition(substitution, separator)
    const value = lookup(name)
    if (value === undefined || (emptyToo && value === ''))
      return substitute(fallback, lookup, unset)
    return value
  }
}

function replacementWhenPresent(separator: string, nonEmpty: boolean): Modifier {
  return (substitution, lookup, unset) => {
    if (!substitution.includes(separator)) return undefined
    const [name, replacement] = partition(substitution, separator)
    const value = lookup(name)
    if (value !== undefined && (!nonEmpty || value !== '')) {
      return substitute(replacement, lookup, unset)
    }
    return value ?? ''
  }
}
