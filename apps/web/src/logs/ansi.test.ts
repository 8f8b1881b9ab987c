import { describe, expect, it } from 'vitest'
import {
  applySgr,
  color256,
  isPlain,
  parseAnsi,
  parseAnsiLine,
  parseAnsiLines,
  stripAnsi,
  styleToCss,
} from './ansi.ts'

describe('parseAnsi', () => {
  it('returns plain text as one unstyled segment', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world', style: {} }])
  })

  it('applies SGR colours and resets', () => {
    expect(parseAnsi('\x1b[31merror\x1b[0m ok')).toEqual([
      { text: 'error', style: { fg: 'var(--ansi-1)' } },
      { text: ' ok', style: {} },
    ])
  })

  it('understands bright, 256 and true colours and bold', () => {
    const [bright, indexed, rgb] = parseAnsi('\x1b[1;92mA\x1b[0;38;5;208mB\x1b[48;2;1;2;300mC')
    expect(bright?.style).toEqual({ bold: true, fg: 'var(--ansi-10)' })
    expect(indexed?.style).toEqual({ fg: 'rgb(255, 135, 0)' })
    expect(rgb?.style.bg).toBe('rgb(1, 2, 255)')
  })

  it('never keeps an OSC 8 hyperlink: the link text stays, the target is gone', () => {
    const line = '\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07 done'
    expect(stripAnsi(line)).toBe('click me done')
    expect(JSON.stringify(parseAnsi(line))).not.toContain('evil')
  })

  it('drops OSC 52 clipboard writes ended by BEL or ST', () => {
    expect(stripAnsi('a\x1b]52;c;cm0gLXJmIH4=\x07b')).toBe('ab')
    expect(stripAnsi('a\x1b]52;c;cm0gLXJmIH4=\x1b\\b')).toBe('ab')
    expect(stripAnsi('a\x9d52;c;eA==\x9cb')).toBe('ab')
  })

  it('drops cursor movement, charset switches and stray controls, keeping tabs', () => {
    expect(stripAnsi('\x1b[2J\x1b[1;1H\x1b(Bx\ty\r\x07\x08')).toBe('x\ty')
  })

  it('keeps markup as text (rendered inert by React, never as HTML)', () => {
    expect(parseAnsi('<img src=x onerror=alert(1)>')).toEqual([
      { text: '<img src=x onerror=alert(1)>', style: {} },
    ])
  })

  it('does not hang on an unterminated sequence', () => {
    expect(stripAnsi('ok\x1b]8;;http://x')).toBe('ok')
    expect(stripAnsi('ok\x1b[')).toBe('ok')
    expect(stripAnsi('ok\x1b')).toBe('ok')
  })
})

describe('styles carried across lines, as a terminal does', () => {
  it('returns the style still open at the end of a line', () => {
    expect(parseAnsiLine('\x1b[1;31mERROR: disk full').endStyle).toEqual({
      bold: true,
      fg: 'var(--ansi-1)',
    })
    expect(parseAnsiLine('\x1b[31mred\x1b[0m').endStyle).toEqual({})
  })

  it('starts each line in the style the line before left open, until a reset', () => {
    const lines = parseAnsiLines([
      '\x1b[33mTraceback (most recent call last):',
      '  File "app.py", line 1',
      '\x1b[1mValueError\x1b[22m: bad\x1b[0m',
      'next request',
    ])
    expect(lines.map((l) => l.segments)).toEqual([
      [{ text: 'Traceback (most recent call last):', style: { fg: 'var(--ansi-3)' } }],
      [{ text: '  File "app.py", line 1', style: { fg: 'var(--ansi-3)' } }],
      [
        { text: 'ValueError', style: { fg: 'var(--ansi-3)', bold: true } },
        { text: ': bad', style: { fg: 'var(--ansi-3)' } },
      ],
      [{ text: 'next request', style: {} }],
    ])
  })

  it('carries an open style over a line with no text and over dropped sequences', () => {
    const [, empty, moved] = parseAnsiLines(['\x1b[4;44m', '', '\x1b[2Kunder\x1b]0;title\x07'])
    expect(empty?.endStyle).toEqual({ underline: true, bg: 'var(--ansi-4)' })
    expect(moved?.segments).toEqual([
      { text: 'under', style: { underline: true, bg: 'var(--ansi-4)' } },
    ])
  })

  it('ends a line plain when every attribute was switched off one by one', () => {
    const line = parseAnsiLine('x\x1b[22;24;39m', { bold: true, underline: true, fg: 'red' })
    expect(isPlain(line.endStyle)).toBe(true)
    expect(line.endStyle).toEqual({})
  })

  it('never changes the style it was given', () => {
    const open = { fg: 'var(--ansi-2)' }
    parseAnsiLine('\x1b[0mreset', open)
    expect(open).toEqual({ fg: 'var(--ansi-2)' })
  })
})

describe('colours and CSS', () => {
  it('maps the 256-colour cube and greys', () => {
    expect(color256(16)).toBe('rgb(0, 0, 0)')
    expect(color256(231)).toBe('rgb(255, 255, 255)')
    expect(color256(232)).toBe('rgb(8, 8, 8)')
    expect(color256(300)).toBeUndefined()
  })

  it('turns styles into CSS with inverse swapping colours', () => {
    expect(styleToCss(applySgr({}, [7, 31]))).toEqual({
      color: 'var(--log-bg)',
      backgroundColor: 'var(--ansi-1)',
    })
    expect(styleToCss({ bold: true, underline: true })).toEqual({
      fontWeight: 'bold',
      textDecoration: 'underline',
    })
  })
})
