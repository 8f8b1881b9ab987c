import { StringDecoder } from 'node:string_decoder'
import type { LogLine } from '@harbormaster/contract'

/** A line longer than this (UTF-16 code units; bytes for ASCII) is sent in pieces. */
export const MAX_LINE_CHARS = 64 * 1024
/** A partial line waits this long for its line end before it is sent as it is. */
export const QUIET_MS = 100

type StreamName = LogLine['stream']

interface StreamState {
  /** One decoder per stream: a character split across frames is decoded whole. */
  decoder: StringDecoder
  /** Text after the last line end, waiting for the next one. */
  held: string
  timer: NodeJS.Timeout | undefined
}

/**
 * Turns a log's frames into lines, per stream (docs/engine.md#stdio-streams: a frame is not a line, and
 * frames do not respect character boundaries). Bytes are decoded once, at this edge; a line end
 * is `\n` or `\r\n`. A partial line is held until its line end arrives; it is passed on, marked
 * `partial`, when it reaches MAX_LINE_CHARS or (when `quietMs` is set) after that long without
 * output on its stream, so a prompt without a newline still shows. A longer line goes out in
 * pieces of MAX_LINE_CHARS, all but the last marked `partial`. Memory held here is bounded by
 * MAX_LINE_CHARS per stream.
 */
export class LineSplitter {
  readonly #emit: (line: LogLine) => void
  readonly #quietMs: number | undefined
  readonly #streams: Record<StreamName, StreamState> = {
    stdout: { decoder: new StringDecoder('utf8'), held: '', timer: undefined },
    stderr: { decoder: new StringDecoder('utf8'), held: '', timer: undefined },
  }

  constructor(emit: (line: LogLine) => void, options: { quietMs?: number } = {}) {
    this.#emit = emit
    this.#quietMs = options.quietMs
  }

  write(stream: StreamName, bytes: Buffer): void {
    const state = this.#streams[stream]
    const text = state.held + state.decoder.write(bytes)
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const last = this.#cutLong(stream, withoutCr(text.slice(start, end)))
      this.#emit({ stream, text: last })
      start = end + 1
    }
    state.held = this.#cutLong(stream, text.slice(start))
    this.#armQuietTimer(stream)
  }

  /** The log ended: passes on whatever is held, including an incomplete character (as U+FFFD). */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const state = this.#streams[stream]
      state.held += state.decoder.end()
      this.#flushHeld(stream)
    }
  }

  /** Stops the timers and forgets what is held (the consumer went away). */
  dispose(): void {
    for (const state of Object.values(this.#streams)) {
      clearTimeout(state.timer)
      state.timer = undefined
      state.held = ''
    }
  }

  /** Sends pieces of MAX_LINE_CHARS while the text is that long; returns the rest. */
  #cutLong(stream: StreamName, text: string): string {
    let rest = text
    while (rest.length >= MAX_LINE_CHARS) {
      let cut = MAX_LINE_CHARS
      // Never between the two halves of a surrogate pair.
      const last = rest.charCodeAt(cut - 1)
      if (last >= 0xd800 && last <= 0xdbff) cut--
      this.#emit({ stream, text: rest.slice(0, cut), partial: true })
      rest = rest.slice(cut)
    }
    return rest
  }

  #flushHeld(stream: StreamName): void {
    const state = this.#streams[stream]
    clearTimeout(state.timer)
    state.timer = undefined
    if (state.held === '') return
    this.#emit({ stream, text: state.held, partial: true })
    state.held = ''
  }

  #armQuietTimer(stream: StreamName): void {
    const state = this.#streams[stream]
    if (this.#quietMs === undefined) return
    if (state.held === '') {
      clearTimeout(state.timer)
      state.timer = undefined
    } else if (state.timer) {
      state.timer.refresh()
    } else {
      state.timer = setTimeout(() => {
        this.#flushHeld(stream)
      }, this.#quietMs)
      state.timer.unref()
    }
  }
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}

/** Approximate bytes of a line in a JSON message: its text plus the object around it. */
export function lineWeight(line: LogLine): number {
  return line.text.length + 32
}
