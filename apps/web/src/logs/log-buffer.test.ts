import { describe, expect, it } from 'vitest'
import {
  appendLines,
  compileSearch,
  findMatches,
  highlightSegments,
  toEntry,
  visibleEntries,
} from './log-buffer.ts'

describe('appendLines', () => {
  it('continues a partial line of the same stream and starts new lines otherwise', () => {
    const first = appendLines([], [{ stream: 'stdout', text: 'hel', partial: true }], 0)
    const second = appendLines(
      first.entries,
      [
        { stream: 'stderr', text: 'oops' },
        { stream: 'stdout', text: 'lo' },
        { stream: 'stdout', text: 'next' },
      ],
      first.nextSeq,
    )
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
    const { entries } = appendLines([], lines, 0, 4)
    expect(entries.map((e) => e.plain)).toEqual(['l6', 'l7', 'l8', 'l9'])
  })

  it('searches the text without colour codes', () => {
    const { entries } = appendLines(
      [],
      [{ stream: 'stdout', text: '\x1b[31mERR\x1b[0mOR here' }],
      0,
    )
    expect(entries[0]?.plain).toBe('ERROR here')
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
