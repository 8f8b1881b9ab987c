import { createWriteStream, type WriteStream } from 'node:fs'
import { performance } from 'node:perf_hooks'

/** Bytes queued towards the disk before events are dropped rather than buffered. */
export const CAST_HIGH_WATER_BYTES = 1024 * 1024

export interface CastHeader {
  width: number
  height: number
  title: string
}

export interface CastOptions {
  path: string
  header: CastHeader
  /** Input events too ('output-and-input'). */
  withInput: boolean
  /** The file stops growing here (the recordings' size bound); the rest is left out, noted. */
  maxBytes: number
  /** Tests: bytes queued before dropping. */
  highWaterBytes?: number
}

export interface CastResult {
  bytes: number
  /** Why the recording is incomplete; null when it is whole. */
  note: string | null
}

/**
 * Writes one terminal session as an asciicast v2 file: a header line, then one JSON array per
 * event (`[seconds, "o", text]` output, `"i"` input, `"r"` resize, `"m"` a marker). Output is
 * bytes; the format wants text, so each stream has its own streaming UTF-8 decoder: a character
 * split across two chunks is written whole with the second. A disk slower than the terminal
 * never buffers without bound: past a high-water mark events are dropped, counted, and a marker
 * says where and how much once the disk catches up; the note on the session says so too.
 */
export class CastWriter {
  readonly #file: WriteStream
  readonly #options: CastOptions
  readonly #startedAt = performance.now()
  readonly #output = new TextDecoder('utf-8')
  readonly #input = new TextDecoder('utf-8')
  #bytes = 0
  #droppedBytes = 0
  #everDropped = 0
  #full = false
  #failed = false

  constructor(options: CastOptions) {
    this.#options = options
    // 'drain' (which writes the gap's marker) comes only after a write() answered false.
    const highWaterMark = Math.min(options.highWaterBytes ?? CAST_HIGH_WATER_BYTES, 16 * 1024)
    this.#file = createWriteStream(options.path, { flags: 'wx', mode: 0o600, highWaterMark })
    this.#file.on('error', () => {
      this.#failed = true
    })
    this.#file.on('drain', () => {
      if (this.#droppedBytes === 0) return
      const dropped = this.#droppedBytes
      this.#droppedBytes = 0
      this.#event('m', `recording gap: ${dropped} bytes left out (the disk was too slow)`)
    })
    const { width, height, title } = options.header
    this.#line({
      version: 2,
      width,
      height,
      timestamp: Math.floor(Date.now() / 1000),
      env: { TERM: 'xterm-256color' },
      title,
    })
  }

  output(chunk: Buffer): void {
    const text = this.#output.decode(chunk, { stream: true })
    if (text !== '') this.#event('o', text)
  }

  input(chunk: Buffer): void {
    if (!this.#options.withInput) return
    const text = this.#input.decode(chunk, { stream: true })
    if (text !== '') this.#event('i', text)
  }

  resize(cols: number, rows: number): void {
    this.#event('r', `${cols}x${rows}`)
  }

  /** Flushes the decoders and closes the file; resolves once it is on disk. */
  async close(): Promise<CastResult> {
    const rest = this.#output.decode()
    if (rest !== '') this.#event('o', rest)
    await new Promise<void>((resolve) => {
      this.#file.end(resolve)
    })
    return { bytes: this.#bytes, note: this.#note() }
  }

  #note(): string | null {
    const notes: string[] = []
    if (this.#everDropped > 0)
      notes.push(`${this.#everDropped} bytes left out: the disk was too slow`)
    if (this.#full) notes.push('stopped at the recordings size bound')
    if (this.#failed) notes.push('the file could not be written')
    return notes.length > 0 ? notes.join('; ') : null
  }

  #event(code: 'o' | 'i' | 'r' | 'm', data: string): void {
    const seconds = Math.round(performance.now() - this.#startedAt) / 1000
    this.#line([seconds, code, data], Buffer.byteLength(data))
  }

  #line(value: unknown, dataBytes = 0): void {
    if (this.#full || this.#failed) return
    const line = `${JSON.stringify(value)}\n`
    const size = Buffer.byteLength(line)
    if (this.#bytes + size > this.#options.maxBytes) {
      this.#full = true
      return
    }
    const highWater = this.#options.highWaterBytes ?? CAST_HIGH_WATER_BYTES
    if (this.#file.writableLength >= highWater) {
      this.#droppedBytes += dataBytes
      this.#everDropped += dataBytes
      return
    }
    this.#bytes += size
    this.#file.write(line)
  }
}
