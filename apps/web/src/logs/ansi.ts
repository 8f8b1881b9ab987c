/**
 * A small ANSI renderer for log lines. It understands SGR colours and styles and drops every
 * other control sequence: cursor moves, OSC 8 hyperlinks and OSC 52 clipboard writes are removed,
 * never honoured. The output is plain data (text + a style made of numbers we computed), which
 * React renders as text, so markup in a log line stays inert.
 *
 * Like a terminal, a style still open at the end of a line continues on the next one (a program
 * that prints `ESC[33m`, then a multi-line stack trace, then `ESC[0m` colours every line of it):
 * `parseAnsiLine` takes the style the previous line left open and returns the one it leaves.
 */

export interface AnsiStyle {
  fg?: string | undefined
  bg?: string | undefined
  bold?: boolean | undefined
  dim?: boolean | undefined
  italic?: boolean | undefined
  underline?: boolean | undefined
  inverse?: boolean | undefined
}

export interface AnsiSegment {
  text: string
  style: AnsiStyle
}

const ESC = '\x1b'

/** CSS colour of one of the 256 xterm colours; the first 16 follow the theme. */
export function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined
  if (n < 16) return `var(--ansi-${n})`
  if (n < 232) {
    const i = n - 16
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40)
    return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`
  }
  const grey = 8 + (n - 232) * 10
  return `rgb(${grey}, ${grey}, ${grey})`
}

const byte = (v: number | undefined) => Math.max(0, Math.min(255, Math.trunc(v ?? 0)))

/** Applies one SGR parameter list (`1;31`, `38;5;208`, `38;2;10;20;30`) to a style. */
export function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  let next: AnsiStyle = { ...style }
  const list = params.length === 0 ? [0] : params
  for (let i = 0; i < list.length; i++) {
    const p = list[i] ?? 0
    if (p === 0) next = {}
    else if (p === 1) next.bold = true
    else if (p === 2) next.dim = true
    else if (p === 3) next.italic = true
    else if (p === 4) next.underline = true
    else if (p === 7) next.inverse = true
    else if (p === 22) next.bold = next.dim = undefined
    else if (p === 23) next.italic = undefined
    else if (p === 24) next.underline = undefined
    else if (p === 27) next.inverse = undefined
    else if (p >= 30 && p <= 37) next.fg = color256(p - 30)
    else if (p >= 90 && p <= 97) next.fg = color256(p - 90 + 8)
    else if (p === 39) next.fg = undefined
    else if (p >= 40 && p <= 47) next.bg = color256(p - 40)
    else if (p >= 100 && p <= 107) next.bg = color256(p - 100 + 8)
    else if (p === 49) next.bg = undefined
    else if (p === 38 || p === 48) {
      const key = p === 38 ? 'fg' : 'bg'
      if (list[i + 1] === 5) {
        next[key] = color256(list[i + 2] ?? -1)
        i += 2
      } else if (list[i + 1] === 2) {
        next[key] = `rgb(${byte(list[i + 2])}, ${byte(list[i + 3])}, ${byte(list[i + 4])})`
        i += 4
      }
    }
  }
  return next
}

/** Index just past an OSC string (ended by BEL or ST), or the end of the text. */
function skipOsc(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\x07' || ch === '\x9c') return i + 1
    if (ch === ESC && text[i + 1] === '\\') return i + 2
  }
  return text.length
}

/** Index just past a CSI sequence's final byte, and its parameters when it is SGR. */
function readCsi(text: string, from: number): { end: number; sgr?: number[] } {
  let i = from
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code >= 0x40 && code <= 0x7e) break
    i++
  }
  if (text[i] !== 'm') return { end: i + 1 }
  const body = text.slice(from, i)
  if (!/^[\d;:]*$/.test(body)) return { end: i + 1 }
  const sgr = body === '' ? [] : body.split(/[;:]/).map((n) => (n === '' ? 0 : Number(n)))
  return { end: i + 1, sgr }
}

/** A line's styled segments and the style still open at its end. */
export interface AnsiLine {
  segments: AnsiSegment[]
  endStyle: AnsiStyle
}

/** Splits a line into styled segments; control sequences other than SGR vanish. */
export function parseAnsi(text: string, initial: AnsiStyle = {}): AnsiSegment[] {
  return parseAnsiLine(text, initial).segments
}

/**
 * Parses consecutive lines of one stream as a terminal shows them: each starts in the style the
 * one before left open.
 */
export function parseAnsiLines(lines: readonly string[], initial: AnsiStyle = {}): AnsiLine[] {
  let open = initial
  return lines.map((text) => {
    const line = parseAnsiLine(text, open)
    open = line.endStyle
    return line
  })
}

/** One line from `initial` (the style the previous line left open) to the style it leaves. */
export function parseAnsiLine(text: string, initial: AnsiStyle = {}): AnsiLine {
  const segments: AnsiSegment[] = []
  let style = initial
  let current = ''
  const flush = () => {
    if (current !== '') segments.push({ text: current, style })
    current = ''
  }
  let i = 0
  while (i < text.length) {
    const ch = text[i] ?? ''
    const code = ch.charCodeAt(0)
    if (ch === ESC || code === 0x9b || code === 0x9d) {
      const kind = ch === ESC ? text[i + 1] : code === 0x9b ? '[' : ']'
      const start = ch === ESC ? i + 2 : i + 1
      if (kind === '[') {
        const csi = readCsi(text, start)
        if (csi.sgr) {
          flush()
          style = applySgr(style, csi.sgr)
        }
        i = csi.end
      } else if (kind === ']' || kind === 'P' || kind === '_' || kind === '^' || kind === 'X') {
        i = skipOsc(text, start) // OSC (8 links, 52 clipboard…), DCS, APC, PM, SOS: dropped
      } else if (kind === '(' || kind === ')' || kind === '#' || kind === '%') {
        i = start + 1
      } else {
        i = Math.min(text.length, start)
      }
      continue
    }
    // Other C0/C1 controls (bell, backspace, carriage return…) are dropped; tabs are kept.
    if ((code < 0x20 && ch !== '\t') || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      i++
      continue
    }
    current += ch
    i++
  }
  flush()
  return { segments, endStyle: isPlain(style) ? {} : style }
}

/** No attribute set (a reset, or only attributes switched off again). */
export function isPlain(style: AnsiStyle): boolean {
  return Object.values(style).every((v) => v === undefined)
}

/** The text a reader sees: every control sequence removed. */
export function stripAnsi(text: string): string {
  return parseAnsi(text)
    .map((s) => s.text)
    .join('')
}

/** React-style CSS for a segment (inverse swaps colours). */
export function styleToCss(style: AnsiStyle): Record<string, string> {
  const css: Record<string, string> = {}
  const fg = style.inverse ? (style.bg ?? 'var(--log-bg)') : style.fg
  const bg = style.inverse ? (style.fg ?? 'var(--log-fg)') : style.bg
  if (fg !== undefined) css.color = fg
  if (bg !== undefined) css.backgroundColor = bg
  if (style.bold) css.fontWeight = 'bold'
  if (style.dim) css.opacity = '0.7'
  if (style.italic) css.fontStyle = 'italic'
  if (style.underline) css.textDecoration = 'underline'
  return css
}
