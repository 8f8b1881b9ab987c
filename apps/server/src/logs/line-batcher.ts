import type { LogLine } from '@harbormaster/contract'
import { lineWeight } from './log-lines.ts'

/** A batch is sent once it weighs this much… */
export const BATCH_BYTES = 32 * 1024
/** …or this long after its first line, whichever comes first. */
export const BATCH_DELAY_MS = 15

/**
 * Gathers lines into batches, so a chatty container costs one WebSocket message per ~32 KiB or
 * per 15 ms, never one per engine frame (issue 10). A batch holds at most BATCH_BYTES plus one
 * line (itself at most MAX_LINE_CHARS).
 */
export class LineBatcher<L extends LogLine = LogLine> {
  readonly #send: (lines: L[]) => void
  #lines: L[] = []
  #bytes = 0
  #timer: NodeJS.Timeout | undefined

  constructor(send: (lines: L[]) => void) {
    this.#send = send
  }

  add(line: L): void {
    this.#lines.push(line)
    this.#bytes += lineWeight(line)
    if (this.#bytes >= BATCH_BYTES) {
      this.flush()
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.flush()
      }, BATCH_DELAY_MS)
      this.#timer.unref()
    }
  }

  flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#lines.length === 0) return
    const lines = this.#lines
    this.#lines = []
    this.#bytes = 0
    this.#send(lines)
  }

  dispose(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#lines = []
    this.#bytes = 0
  }
}
