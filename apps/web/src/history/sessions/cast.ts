/** One asciicast v2 event: seconds since the start, its code, its data. */
export interface CastEvent {
  /** When it plays, in seconds, with idle gaps capped (see parseCast). */
  at: number
  code: string
  data: string
}

export interface Cast {
  width: number
  height: number
  title: string
  /** Seconds from the first event to the last, as played (gaps capped). */
  duration: number
  events: CastEvent[]
}

/** A pause longer than this plays as this long (asciinema's idle_time_limit), when the file names none. */
export const DEFAULT_IDLE_LIMIT_SECONDS = 2

/**
 * Reads an asciicast v2 file (a header line, then one JSON array per line). Lines that are not
 * events are skipped rather than failing the whole replay; pauses longer than the idle limit
 * (the header's `idle_time_limit`, else 2 s) are shortened to it, so a ten-minute pause does not
 * stall the replay.
 */
export function parseCast(text: string, idleLimit?: number): Cast {
  const [head = '', ...lines] = text.split('\n')
  const header = parseLine(head) as Record<string, unknown> | undefined
  if (header?.version !== 2) throw new Error('Not an asciicast v2 recording')
  const limit =
    idleLimit ??
    (typeof header.idle_time_limit === 'number'
      ? header.idle_time_limit
      : DEFAULT_IDLE_LIMIT_SECONDS)
  const events: CastEvent[] = []
  let previous = 0
  let at = 0
  for (const line of lines) {
    const event = parseLine(line)
    if (!Array.isArray(event) || event.length < 3) continue
    const [time, code, data] = event as unknown[]
    if (typeof time !== 'number' || typeof code !== 'string' || typeof data !== 'string') continue
    at += Math.min(Math.max(0, time - previous), limit)
    previous = time
    events.push({ at, code, data })
  }
  return {
    width: typeof header.width === 'number' ? header.width : 80,
    height: typeof header.height === 'number' ? header.height : 24,
    title: typeof header.title === 'string' ? header.title : '',
    duration: events.at(-1)?.at ?? 0,
    events,
  }
}

function parseLine(line: string): unknown {
  if (line.trim() === '') return undefined
  try {
    return JSON.parse(line) as unknown
  } catch {
    return undefined
  }
}

/** A resize event's size (`"100x30"`). */
export function sizeOf(data: string): { cols: number; rows: number } | undefined {
  const match = /^(\d+)x(\d+)$/.exec(data)
  if (!match) return undefined
  return { cols: Number(match[1]), rows: Number(match[2]) }
}
