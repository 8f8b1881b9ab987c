import type { LogLine } from '@harbormaster/contract'
import { parseAnsiLine, type AnsiSegment, type AnsiStyle } from './ansi.ts'

/** A line as the viewer keeps it: parsed once, searched as plain text. */
export interface LogEntry {
  seq: number
  stream: LogLine['stream'] | 'notice'
  /** The text without control sequences, for search. */
  plain: string
  segments: AnsiSegment[]
  /** The raw text (kept while the line is partial, to continue it). */
  raw: string
  partial: boolean
  /** The style the previous line of the stream left open, where this one starts. */
  startStyle: AnsiStyle
  /** The style still open at the end of this line, where the next line of the stream starts. */
  endStyle: AnsiStyle
  /** In a merged log (a stack's): the container it came from (`web-2`) and its service. */
  source?: LogSource
}

/** Where a line of a merged log came from: shown as its prefix, coloured by service. */
export interface LogSource {
  label: string
  service: string
}

/** A line of the container's log, or of one container of a merged log. */
export type SourcedLine = LogLine & { source?: LogSource }

/**
 * The lines the viewer keeps, the next sequence number, and the style each stream left open.
 * Styles are carried per stream (and per container in a merged log): stdout and stderr are
 * separate pipes, so a colour left open on one says nothing about the other.
 */
export interface LogBuffer {
  entries: LogEntry[]
  nextSeq: number
  /** By stream (`stdout`), or by container and stream in a merged log (`web-1 stdout`). */
  openStyles: Readonly<Record<string, AnsiStyle>>
}

/** How far back a partial line is looked for: further in a merged log, where others interleave. */
const PARTIAL_WINDOW = 64

const pipeOf = (line: SourcedLine) =>
  line.source === undefined ? line.stream : `${line.source.label} ${line.stream}`

export const emptyLogBuffer: LogBuffer = { entries: [], nextSeq: 0, openStyles: {} }

/** Lines kept in the browser; older ones are dropped (the download has everything). */
export const MAX_LOG_LINES = 20_000

export function toEntry(
  seq: number,
  stream: LogEntry['stream'],
  raw: string,
  partial: boolean,
  startStyle: AnsiStyle = {},
  source?: LogSource,
): LogEntry {
  const { segments, endStyle } = parseAnsiLine(raw, startStyle)
  return {
    seq,
    stream,
    raw,
    partial,
    segments,
    plain: segments.map((s) => s.text).join(''),
    startStyle,
    endStyle,
    ...(source === undefined ? {} : { source }),
  }
}

/** Appends a line of our own (not from the container), e.g. that lines were skipped. */
export function appendNotice(buffer: LogBuffer, text: string): LogBuffer {
  return {
    ...buffer,
    entries: [...buffer.entries, toEntry(buffer.nextSeq, 'notice', text, false)],
    nextSeq: buffer.nextSeq + 1,
  }
}

/**
 * Appends a batch: a line continues the last partial line of its stream (of its container, in a
 * merged log) and starts in the style that stream left open; the buffer is bounded. Returns a
 * new buffer (entries are immutable).
 */
export function appendLines(
  buffer: LogBuffer,
  lines: readonly SourcedLine[],
  max = MAX_LOG_LINES,
): LogBuffer {
  const entries = buffer.entries.slice()
  const openStyles = { ...buffer.openStyles }
  let seq = buffer.nextSeq
  for (const line of lines) {
    const pipe = pipeOf(line)
    const openIndex = findPartial(entries, line)
    const open = openIndex >= 0 ? entries[openIndex] : undefined
    const entry = open
      ? toEntry(
          open.seq,
          open.stream,
          open.raw + line.text,
          line.partial === true,
          open.startStyle,
          open.source,
        )
      : toEntry(seq++, line.stream, line.text, line.partial === true, openStyles[pipe], line.source)
    if (open) entries[openIndex] = entry
    else entries.push(entry)
    openStyles[pipe] = entry.endStyle
  }
  return {
    entries: entries.length > max ? entries.slice(entries.length - max) : entries,
    nextSeq: seq,
    openStyles,
  }
}

/** The index of the partial line this one continues, or -1. */
function findPartial(entries: readonly LogEntry[], line: SourcedLine): number {
  const stop = Math.max(0, entries.length - PARTIAL_WINDOW)
  for (let i = entries.length - 1; i >= stop; i--) {
    const e = entries[i]
    if (e?.stream === line.stream && e.partial && e.source?.label === line.source?.label) return i
  }
  return -1
}

export interface LogSearch {
  query: string
  regex: boolean
  caseSensitive: boolean
}

/** A matcher for the search box; an invalid regular expression is reported, not thrown. */
export function compileSearch(search: LogSearch): { pattern?: RegExp; error?: string } {
  if (search.query === '') return {}
  const flags = search.caseSensitive ? 'g' : 'gi'
  if (!search.regex) {
    const escaped = search.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return { pattern: new RegExp(escaped, flags) }
  }
  try {
    return { pattern: new RegExp(search.query, flags) }
  } catch (err) {
    return { error: (err as Error).message }
  }
}

/** [start, end) ranges of every match in the text (empty matches skipped). */
export function findMatches(text: string, pattern: RegExp | undefined): [number, number][] {
  if (!pattern) return []
  const ranges: [number, number][] = []
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++
      continue
    }
    ranges.push([m.index, m.index + m[0].length])
    if (ranges.length > 1000) break
  }
  return ranges
}

export interface MarkedSegment extends AnsiSegment {
  mark: boolean
}

/** Splits styled segments at match boundaries so matches can be highlighted. */
export function highlightSegments(
  segments: readonly AnsiSegment[],
  ranges: readonly [number, number][],
): MarkedSegment[] {
  if (ranges.length === 0) return segments.map((s) => ({ ...s, mark: false }))
  const out: MarkedSegment[] = []
  let offset = 0
  for (const seg of segments) {
    const end = offset + seg.text.length
    let cursor = offset
    for (const [from, to] of ranges) {
      if (to <= cursor || from >= end) continue
      const start = Math.max(from, cursor)
      if (start > cursor)
        out.push({ ...seg, text: seg.text.slice(cursor - offset, start - offset), mark: false })
      const stop = Math.min(to, end)
      out.push({ ...seg, text: seg.text.slice(start - offset, stop - offset), mark: true })
      cursor = stop
    }
    if (cursor < end) out.push({ ...seg, text: seg.text.slice(cursor - offset), mark: false })
    offset = end
  }
  return out
}

/** The segments without their first `count` characters (a timestamp the view shows apart). */
export function dropLeading<S extends { text: string }>(
  segments: readonly S[],
  count: number,
): S[] {
  let skip = count
  const out: S[] = []
  for (const seg of segments) {
    const cut = Math.min(skip, seg.text.length)
    skip -= cut
    if (cut === 0) out.push(seg)
    else if (cut < seg.text.length) out.push({ ...seg, text: seg.text.slice(cut) })
  }
  return out
}

export type StreamFilter = 'both' | 'stdout' | 'stderr'

/** The lines to show: by stream, then (with a search) only the matching ones. */
export function visibleEntries(
  entries: readonly LogEntry[],
  stream: StreamFilter,
  pattern: RegExp | undefined,
  onlyMatches: boolean,
): LogEntry[] {
  return entries.filter((e) => {
    if (e.stream !== 'notice' && stream !== 'both' && e.stream !== stream) return false
    if (!pattern || !onlyMatches || e.stream === 'notice') return true
    pattern.lastIndex = 0
    return pattern.test(e.plain)
  })
}
