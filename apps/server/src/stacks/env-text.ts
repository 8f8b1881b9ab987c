import { MASKED_ENV_VALUE } from '@harbormaster/contract'
import { ApiError } from '../platform/errors.ts'
import type { EnvVisibility } from '../policy/index.ts'

/** One `KEY=value` of a `.env` text, with where its value is written (quotes included). */
export interface EnvEntry {
  key: string
  /** The value's span in the text: `[valueStart, valueEnd)`; absent for a bare `KEY` line. */
  value?: { start: number; end: number }
}

export interface EnvScan {
  entries: EnvEntry[]
  /** The first statement the scanner could not read, and where it starts. */
  error?: { line: number; message: string; offset: number }
}

/** Go's `unicode.IsSpace` minus the line break: what compose-go skips around keys and values. */
const INLINE_SPACE = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00a0'])
const KEY_PUNCTUATION = new Set(['_', '.', '-', '[', ']'])
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u
const EXPORT = /export[\t\n\f\r ]+/y

/**
 * Reads a `.env` text the way compose-go's dotenv parser does (`dotenv/parser.go`): blank and
 * `#` lines skipped; `export KEY=value`, `KEY=value` and `KEY: value`; a value quoted with `"` or
 * `'` runs to its closing quote (across lines, `\` escaping); an unquoted one to the end of the
 * line; a bare `KEY` takes the value from the environment. Where compose-go would accept
 * something odd (a key that is empty or has a space inside, a last line without `=`), this
 * refuses it: the scan decides what masking hides, so it must never read less as a value than
 * compose does.
 */
export function scanEnvText(text: string): EnvScan {
  const entries: EnvEntry[] = []
  let pos = 0
  for (;;) {
    pos = skipBlankAndComments(text, pos)
    if (pos >= text.length) return { entries }
    const statement = readStatement(text, pos)
    if ('message' in statement) {
      return {
        entries,
        error: { line: lineOf(text, pos), message: statement.message, offset: pos },
      }
    }
    entries.push(statement.entry)
    pos = statement.next
  }
}

function skipBlankAndComments(text: string, from: number): number {
  let pos = from
  while (pos < text.length) {
    const char = text.charAt(pos)
    if (/\s/u.test(char)) pos++
    else if (char === '#') {
      const end = text.indexOf('\n', pos)
      pos = end === -1 ? text.length : end
    } else break
  }
  return pos
}

type Statement = { entry: EnvEntry; next: number } | { message: string }

function readStatement(text: string, start: number): Statement {
  EXPORT.lastIndex = start
  let pos = EXPORT.test(text) ? EXPORT.lastIndex : start
  while (INLINE_SPACE.has(text.charAt(pos))) pos++
  const keyStart = pos
  for (; pos < text.length; pos++) {
    const char = text.charAt(pos)
    if (char === '=' || char === ':' || char === '\n') break
    if (INLINE_SPACE.has(char) || KEY_PUNCTUATION.has(char) || LETTER_OR_NUMBER.test(char)) continue
    return { message: `unexpected character ${JSON.stringify(char)} in a variable name` }
  }
  const key = text.slice(keyStart, pos).trimEnd()
  if (pos >= text.length) return { message: `expected ${key}=value` }
  if (key === '') return { message: 'expected a variable name before the =' }
  if (/\s/u.test(key)) return { message: `a variable name cannot contain spaces: ${key}` }
  if (text.charAt(pos) === '\n') return { entry: { key }, next: pos + 1 }
  return readValue(text, key, pos + 1)
}

function readValue(text: string, key: string, from: number): Statement {
  let start = from
  while (INLINE_SPACE.has(text.charAt(start))) start++
  const quote = text.charAt(start)
  if (quote === '"' || quote === "'") {
    const end = closingQuote(text, start, quote)
    if (end === -1) return { message: `the quoted value of ${key} is not closed` }
    return { entry: { key, value: { start, end: end + 1 } }, next: end + 1 }
  }
  const lineEnd = text.indexOf('\n', start)
  let end = lineEnd === -1 ? text.length : lineEnd
  const next = end
  if (text.charAt(end - 1) === '\r' && end - 1 >= start) end--
  return { entry: { key, value: { start, end } }, next }
}

/** The index of the quote ending a value opened at `open`, as compose-go finds it; -1 if none. */
function closingQuote(text: string, open: number, quote: string): number {
  let escaped = false
  for (let i = open + 1; i < text.length; i++) {
    const char = text.charAt(i)
    if (char !== quote) {
      escaped = !escaped && char === '\\'
      continue
    }
    if (!escaped) return i
    escaped = false
  }
  return -1
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * A quoted value is masked inside its quotes: what follows the closing quote on its line is a
 * statement of its own, and must stay one when the masked text is read (and saved) again.
 */
function maskFor(firstChar: string): string {
  return firstChar === '"' || firstChar === "'"
    ? `${firstChar}${MASKED_ENV_VALUE}${firstChar}`
    : MASKED_ENV_VALUE
}

/** What an editor sends back for a value it was shown masked. */
const MASKS = new Set([MASKED_ENV_VALUE, `"${MASKED_ENV_VALUE}"`, `'${MASKED_ENV_VALUE}'`])

/** The `.env` a caller may see: hidden values replaced by `[masked]`; their keys listed. */
export function maskEnvText(
  text: string,
  visibility: EnvVisibility,
  seesAll: boolean,
): { env: string; maskedEnv: string[] } {
  const { entries, error } = scanEnvText(text)
  const masked = new Set<string>()
  let out = ''
  let copied = 0
  for (const { key, value } of entries) {
    if (!value || !visibility.hides(key)) continue
    out += text.slice(copied, value.start) + maskFor(text.charAt(value.start))
    copied = value.end
    masked.add(key)
  }
  // Stored texts always scan (saves refuse others); should one not, hide all it could not read.
  if (error && !seesAll)
    return {
      env: out + text.slice(copied, error.offset) + MASKED_ENV_VALUE,
      maskedEnv: [...masked],
    }
  return { env: out + text.slice(copied), maskedEnv: [...masked] }
}

/**
 * The `.env` to store from what an editor sent: every value sent back as `[masked]` (alone, or
 * alone in quotes) is replaced by the stored value of the same key (the n-th `KEY` by the stored n-th,
 * else its last), so a value the caller could not see survives their save and the mask is never
 * stored. A `.env` that does not scan, or a mask for a key with no stored value, is a 400.
 */
export function restoreMaskedEnv(incoming: string, stored: string): string {
  const { entries, error } = scanEnvText(incoming)
  if (error) throw envError(error.line, error.message)
  const storedScan = scanEnvText(stored)
  const storedValues = new Map<string, string[]>()
  for (const { key, value } of storedScan.entries) {
    if (!value) continue
    storedValues.set(key, [...(storedValues.get(key) ?? []), stored.slice(value.start, value.end)])
  }
  const seen = new Map<string, number>()
  let out = ''
  let copied = 0
  for (const { key, value } of entries) {
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    if (!value || !MASKS.has(incoming.slice(value.start, value.end))) continue
    const values = storedValues.get(key) ?? []
    const kept = values[occurrence] ?? values.at(-1)
    if (kept === undefined) {
      throw envError(
        lineOf(incoming, value.start),
        `${key}=${MASKED_ENV_VALUE} keeps the stored value of ${key}, and it has none: write the value`,
      )
    }
    out += incoming.slice(copied, value.start) + kept
    copied = value.end
  }
  return out + incoming.slice(copied)
}

/** Refuses a `.env` that does not scan, naming the line. */
export function assertEnvScans(text: string): void {
  const { error } = scanEnvText(text)
  if (error) throw envError(error.line, error.message)
}

function envError(line: number, message: string): ApiError {
  return new ApiError(400, 'invalid_request', `json.env: line ${line}: ${message}`)
}
