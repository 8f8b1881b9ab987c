import type { LogLine } from '@harbormaster/contract'

/** The last lines of a log, at most so many lines and so many bytes (UTF-8 text plus its line end). */
export interface LogLimits {
  lines: number
  bytes: number
}

/**
 * Keeps the newest lines that fit the limits as lines arrive, dropping the oldest: what a
 * capsule keeps of a log, whatever its length. A single line longer than the byte limit is cut
 * to its end (the last bytes are the ones nearest the crash).
 */
export class LogWindow {
  readonly #limits: LogLimits
  #lines: LogLine[] = []
  #weights: number[] = []
  #head = 0
  #bytes = 0

  constructor(limits: LogLimits) {
    this.#limits = limits
  }

  add(line: LogLine): void {
    const fitted = fitLine(line, this.#limits.bytes)
    const weight = weightOf(fitted)
    this.#lines.push(fitted)
    this.#weights.push(weight)
    this.#bytes += weight
    while (this.size > this.#limits.lines || this.#bytes > this.#limits.bytes) {
      this.#bytes -= this.#weights[this.#head] ?? 0
      this.#head += 1
    }
    // Compact now and then, so dropped lines do not pile up in the arrays.
    if (this.#head > 1024 && this.#head * 2 > this.#lines.length) {
      this.#lines = this.#lines.slice(this.#head)
      this.#weights = this.#weights.slice(this.#head)
      this.#head = 0
    }
  }

  get size(): number {
    return this.#lines.length - this.#head
  }

  lines(): LogLine[] {
    return this.#lines.slice(this.#head)
  }
}

/** Bytes a line takes: its UTF-8 text and a line end. */
export function weightOf(line: LogLine): number {
  return Buffer.byteLength(line.text) + 1
}

export function fitLine(line: LogLine, maxBytes: number): LogLine {
  const bytes = Buffer.from(line.text)
  if (bytes.length < maxBytes) return line
  // The last bytes; a character cut at the start decodes as U+FFFD, which goes.
  const text = bytes
    .subarray(bytes.length - (maxBytes - 1))
    .toString()
    .replace(/^\uFFFD+/, '')
  return { ...line, text }
}
