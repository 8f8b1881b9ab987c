import { type Lookup, substitute, TemplateError } from '../interpolation/template.ts'

/**
 * compose's `.env` format (compose-go `dotenv/parser.go`): `KEY=value`, `KEY: value`,
 * `export KEY=value`, `#` comments (inline ones after a space, for unquoted values), single quotes
 * taken literally, double quotes with escapes (`\n`, `\t`, `\"`, `\\`, `\$`) that may span lines,
 * `KEY` alone to inherit the value from `lookup`, and interpolation in unquoted and double-quoted
 * values (from `lookup` first, then the variables read so far).
 */
export interface DotenvOptions {
  /** Variables that win during interpolation and that `KEY` alone inherits from. */
  lookup: Lookup
  /** Variables read so far; the file's variables are written into it. */
  vars: Map<string, string>
}

export type DotenvResult =
  { ok: true; lines: Map<string, number> } | { ok: false; line: number; message: string }

class DotenvError extends Error {
  readonly at: number

  constructor(at: number, message: string) {
    super(message)
    this.at = at
  }
}

/** Parses `text` into `options.vars`; returns the line each variable was set on. */
export function parseDotenv(text: string, options: DotenvOptions): DotenvResult {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text
  const lineOf = lineCounter(src)
  const lines = new Map<string, number>()
  try {
    for (let at = nextStatement(src, 0); at < src.length; at = nextStatement(src, at)) {
      const statementLine = lineOf(at)
      at = readStatement(src, at, options, (key) => lines.set(key, statementLine))
    }
    return { ok: true, lines }
  } catch (error) {
    if (!(error instanceof DotenvError)) throw error
    return { ok: false, line: lineOf(error.at), message: error.message }
  }
}

/** Skips blank space and comment lines; returns where the next statement starts. */
function nextStatement(src: string, from: number): number {
  let at = from
  for (;;) {
    while (at < src.length && /\s/.test(src.charAt(at))) at++
    if (src.charAt(at) !== '#') return at
    const end = src.indexOf('\n', at)
    if (end < 0) return src.length
    at = end
  }
}

// compose-go's isSpace: blanks that are not line breaks.
const isBlank = (char: string) => /^[\t\v\f\r \u0085\u00a0]$/.test(char)

function readStatement(
  src: string,
  start: number,
  options: DotenvOptions,
  onSet: (key: string) => void,
): number {
  let at = start
  const exported = /^export\s+/.exec(src.slice(at, at + 64))
  if (exported) {
    at += 'export'.length
    while (at < src.length && isBlank(src.charAt(at))) at++
  }
  const { key, inherited, next } = readKey(src, at)
  at = next
  while (at < src.length && isBlank(src.charAt(at))) at++
  if (inherited) {
    const value = options.lookup(key)
    if (value !== undefined) {
      options.vars.set(key, value)
      onSet(key)
    }
    return at
  }
  const { value, next: after } = readValue(src, at, options)
  options.vars.set(key, value)
  onSet(key)
  return after
}

function readKey(src: string, start: number): { key: string; inherited: boolean; next: number } {
  for (let at = start; at < src.length; at++) {
    const char = src.charAt(at)
    if (isBlank(char) || /^[_.\-[\]\p{L}\p{N}]$/u.test(char)) continue
    if (char === '=' || char === ':' || char === '\n') {
      return {
        key: checkedKey(src.slice(start, at), start),
        inherited: char === '\n',
        next: at + 1,
      }
    }
    const line = src.slice(start).split('\n')[0] ?? ''
    throw new DotenvError(
      at,
      `unexpected character ${JSON.stringify(char)} in variable name ${JSON.stringify(line)}`,
    )
  }
  // A last line with neither `=` nor a line break: a variable to inherit, like `KEY\n`.
  return { key: checkedKey(src.slice(start), start), inherited: true, next: src.length }
}

function checkedKey(raw: string, at: number): string {
  const key = raw.replace(/\s+$/u, '')
  if (key.includes(' ')) throw new DotenvError(at, 'key cannot contain a space')
  if (key === '') throw new DotenvError(at, 'missing variable name before "="')
  return key
}

function readValue(src: string, start: number, options: DotenvOptions) {
  const quote = src.charAt(start)
  if (quote !== '"' && quote !== "'") {
    const end = src.indexOf('\n', start)
    const line = end < 0 ? src.slice(start) : src.slice(start, end)
    const value = (line.split(' #')[0] ?? '').replace(/\s+$/u, '')
    return { value: expand(value, start, options), next: end < 0 ? src.length : end + 1 }
  }
  let chars = ''
  let escaped = false
  for (let at = start + 1; at < src.length; at++) {
    const char = src.charAt(at)
    if (char !== quote) {
      if (!escaped && char === '\\') {
        escaped = true
        continue
      }
      chars += escaped ? `\\${char}` : char
      escaped = false
      continue
    }
    if (escaped) {
      chars += char
      escaped = false
      continue
    }
    const value = quote === '"' ? expand(expandEscapes(chars), start, options) : chars
    return { value, next: at + 1 }
  }
  const line = src.slice(start).split('\n')[0] ?? ''
  throw new DotenvError(start, `unterminated quoted value ${line}`)
}

function expand(value: string, at: number, options: DotenvOptions): string {
  try {
    return substitute(value, (name) => options.lookup(name) ?? options.vars.get(name))
  } catch (error) {
    if (error instanceof TemplateError) throw new DotenvError(at, error.message)
    throw error
  }
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
  // `\$` stays a literal dollar: `$$` is what interpolation turns into one.
  $: '$$',
}

/** The shell escapes compose supports in double quotes; any other backslash pair is kept. */
function expandEscapes(text: string): string {
  return text.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (match) => {
    const octal = /^\\0([0-7]{3})$/.exec(match)
    const code = octal?.[1] === undefined ? 256 : parseInt(octal[1], 8)
    if (code < 256) return String.fromCharCode(code)
    return ESCAPES[match.slice(1)] ?? match
  })
}

function lineCounter(text: string): (offset: number) => number {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }
}
