import type { TerminalSessionEnd } from '@harbormaster/contract'
import type { WebSocket } from 'ws'
import type { TerminalTap } from '../../exec/index.ts'
import type { LiveCloseCause } from '../../platform/live-sockets.ts'
import type { CastResult, CastWriter } from './cast-writer.ts'
import type { SessionEnd } from './session-store.ts'

/** A browser's close codes: 1006 is a connection lost without a close frame. */
const CLOSE_ABNORMAL = 1006
/** How long after the browser left the engine's side may take to report its end. */
const ENGINE_END_WAIT_MS = 5000

export interface SessionTapOptions {
  id: string
  browser: WebSocket
  cast: CastWriter | undefined
  causeOf: (ws: WebSocket) => LiveCloseCause | undefined
  finish: (end: SessionEnd) => void
}

/**
 * One session's running totals, and the end decided from the order of what happened: the
 * engine's stream ending while the browser is still there is the process exiting; a close the
 * server made itself carries its cause (LiveSockets); otherwise the browser left, cleanly (the
 * user closed it) or not (1006: the connection was lost).
 */
export class SessionTap implements TerminalTap {
  readonly #options: SessionTapOptions
  #bytesIn = 0
  #bytesOut = 0
  #exitCode: number | null = null
  #engineFailed = false
  #engineEnded = false
  #exitedFirst = false
  #browserCode: number | undefined
  #finished: Promise<void> | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(options: SessionTapOptions) {
    this.#options = options
    options.browser.once('close', (code: number) => {
      this.#browserCode = code
      if (this.#engineEnded) void this.finish()
      else {
        this.#timer = setTimeout(() => void this.finish(), ENGINE_END_WAIT_MS)
        this.#timer.unref()
      }
    })
  }

  output(chunk: Buffer): void {
    this.#bytesOut += chunk.length
    this.#options.cast?.output(chunk)
  }

  input(chunk: Buffer): void {
    this.#bytesIn += chunk.length
    this.#options.cast?.input(chunk)
  }

  resize(cols: number, rows: number): void {
    this.#options.cast?.resize(cols, rows)
  }

  engineEnded(exitCode: number | null): void {
    if (this.#engineEnded) return
    this.#engineEnded = true
    this.#exitCode = exitCode
    this.#exitedFirst = this.#browserCode === undefined
    if (this.#browserCode !== undefined) void this.finish()
  }

  engineFailed(): void {
    this.#engineFailed = true
    this.engineEnded(null)
  }

  /** Completes the row once (also on shutdown, with what is known by then). */
  finish(): Promise<void> {
    this.#finished ??= this.#complete()
    return this.#finished
  }

  async #complete(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    const endedHow = this.#endedHow()
    const recorded: CastResult = (await this.#options.cast?.close()) ?? { bytes: 0, note: null }
    this.#options.finish({
      id: this.#options.id,
      endedAt: Date.now(),
      exitCode: this.#exitCode,
      bytesIn: this.#bytesIn,
      bytesOut: this.#bytesOut,
      endedHow,
      recordingBytes: recorded.bytes,
      recordingNote: recorded.note,
    })
  }

  #endedHow(): TerminalSessionEnd {
    if (this.#engineFailed) return 'engine-error'
    if (this.#exitedFirst) return 'exited'
    const cause = this.#options.causeOf(this.#options.browser)
    if (cause !== undefined) return cause
    if (this.#browserCode === undefined) return 'server-shutdown'
    return this.#browserCode === CLOSE_ABNORMAL ? 'browser-gone' : 'closed-by-user'
  }
}
