import { describe, expect, it } from 'vitest'
import {
  appendLines,
  appendNotice,
  compileSearch,
  dropLeading,
  emptyLogBuffer,
  findMatches,
  highlightSegments,
  toEntry,
  visibleEntries,
} from './log-buffer.ts'

describe('appendLines', () => {
  it('continues a partial line of the same stream and starts new lines otherwise', () => {
    const first = appendLines(emptyLogBuffer, [{ stream: 'stdout', text: 'hel', partial: true }])
    const second = appendLines(first, [
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'lo' },
      { stream: 'stdout', text: 'next' },
    ])
    expect(second.entries.map((e) => [e.stream, e.plain, e.partial])).toEqual([
      ['stdout', 'hello', false],
      ['stderr', 'oops', false],
      ['stdout', 'next', false],
    ])
  })

  it('keeps at most the newest lines', () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({
      stream: 'stdout' as const,
      text: `l${i}`,
    }))
    const { entries } = appendLines(emptyLogBuffer, lines, 4)
    expect(entries.map((e) => e.plain)).toEqual(['l6', 'l7', 'l8', 'l9'])
  })

  it('searches the text without colour codes', () => {
    const { entries } = appendLines(emptyLogBuffer, [
      { stream: 'stdout', text: '\x1b[31mERR\x1b[0mOR here' },
    ])
    expect(entries[0]?.plain).toBe('ERROR here')
  })

  it('carries a colour left open to the next line of the same stream only', () => {
    const first = appendLines(emptyLogBuffer, [
      { stream: 'stderr', text: '\x1b[33mWARN trace:' },
      { stream: 'stdout', text: 'plain output' },
    ])
    const second = appendLines(appendNotice(first, 'a notice'), [
      { stream: 'stderr', text: '  at main()\x1b[0m' },
      { stream: 'stderr', text: 'after' },
    ])
    const styles = second.entries.map((e) => [e.plain, e.segments[0]?.style])
    expect(styles).toEqual([
      ['WARN trace:', { fg: 'var(--ansi-3)' }],
      ['plain output', {}],
      ['a notice', {}],
      ['  at main()', { fg: 'var(--ansi-3)' }],
      ['after', {}],
    ])
  })

  it('continues a partial line in the style its start was in', () => {
    const first = appendLines(emptyLogBuffer, [
      { stream: 'stdout', text: '\x1b[1mbold' },
      { stream: 'stdout', text: 'still ', partial: true },
    ])
    const second = appendLines(first, [{ stream: 'stdout', text: 'bold\x1b[22m' }])
    expect(second.entries[1]?.segments).toEqual([{ text: 'still bold', style: { bold: true } }])
    expect(second.openStyles.stdout).toEqual({})
  })
})

describe('a merged log (a stack’s containers)', () => {
  const web = { label: 'web-1', service: 'web' }
  const db = { label: 'db-1', service: 'db' }

  it('continues a partial line of its own container, whatever came between', () => {
    const buffer = appendLines(emptyLogBuffer, [
      { stream: 'stdout', text: 'web says ', partial: true, source: web },
      { stream: 'stdout', text: 'db line', source: db },
      ...Array.from({ length: 20 }, (_, i) => ({
        stream: 'stdout' as const,
        text: `db ${i}`,
        source: db,
      })),
      { stream: 'stdout', text: 'hello', source: web },
    ])
    expect(buffer.entries[0]).toMatchObject({
      plain: 'web says hello',
      partial: false,
      source: web,
    })
    expect(buffer.entries).toHaveLength(22)
  })

  it('carries a colour left open per container, not across them', () => {
    const buffer = appendLines(emptyLogBuffer, [
      { stream: 'stdout', text: '\x1b[31mred from web', source: web },
      { stream: 'stdout', text: 'plain from db', source: db },
      { stream: 'stdout', text: 'still red', source: web },
    ])
    expect(buffer.entries.map((e) => [e.plain, e.segments[0]?.style.fg ?? ''])).toEqual([
      ['red from web', 'var(--ansi-1)'],
      ['plain from db', ''],
      ['still red', 'var(--ansi-1)'],
    ])
  })
})

describe('search', () => {
  it('escapes plain text and honours case sensitivity', () => {
    const { pattern } = compileSearch({ query: 'a.b', regex: false, caseSensitive: false })
    expect(findMatches('A.B axb a.b', pattern)).toEqual([
      [0, 3],
      [8, 11],
    ])
  })

  it('reports an invalid regular expression instead of throwing', () => {
    expect(compileSearch({ query: '(', regex: true, caseSensitive: false }).error).toBeTruthy()
  })

  it('skips empty matches', () => {
    const { pattern } = compileSearch({ query: 'x*', regex: true, caseSensitive: false })
    expect(findMatches('axxb', pattern)).toEqual([[1, 3]])
  })

  it('highlights across coloured segments', () => {
    const entry = toEntry(0, 'stdout', 'ab\x1b[31mcd\x1b[0mef', false)
    const marked = highlightSegments(entry.segments, [[1, 5]])
    expect(marked.map((s) => [s.text, s.mark, s.style.fg ?? ''])).toEqual([
      ['a', false, ''],
      ['b', true, ''],
      ['cd', true, 'var(--ansi-1)'],
      ['e', true, ''],
      ['f', false, ''],
    ])
  })

  it('drops a leading timestamp across segments, keeping their colours and marks', () => {
    const entry = toEntry(0, 'stdout', '2026-12-04T10:00:00Z \x1b[31mfail\x1b[0med', false)
    const marked = highlightSegments(entry.segments, [[19, 24]])
    expect(dropLeading(marked, 21).map((s) => [s.text, s.mark, s.style.fg ?? ''])).toEqual([
      ['fai', true, 'var(--ansi-1)'],
      ['l', false, 'var(--ansi-1)'],
      ['ed', false, ''],
    ])
    expect(dropLeading(marked, 0)).toEqual(marked)
  })

  it('filters by stream and to matching lines, keeping notices', () => {
    const entries = [
      toEntry(0, 'stdout', 'ready', false),
      toEntry(1, 'stderr', 'failed to bind', false),
      toEntry(2, 'notice', '… 3 lines dropped', false),
    ]
    const { pattern } = compileSearch({ query: 'fail', regex: false, caseSensitive: false })
    expect(visibleEntries(entries, 'stdout', undefined, false).map((e) => e.seq)).toEqual([0, 2])
    expect(visibleEntries(entries, 'both', pattern, true).map((e) => e.seq)).toEqual([1, 2])
  })
})
