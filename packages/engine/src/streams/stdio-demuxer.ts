import { Transform, type TransformCallback } from 'node:stream'
import { EngineProtocolError } from '../errors.ts'

const FRAME_HEADER_BYTES = 8
const MAX_FRAME_BYTES = 16 * 1024 * 1024

export interface StdioFrame {
  stream: 'stdout' | 'stderr'
  data: Buffer
}

/**
 * Splits the engine's multiplexed stdio stream (docs/engine.md#stdio-streams) into frames. Use it only for
 * containers and execs without a TTY; with a TTY the bytes are raw. Frames stay bytes: decoding
 * text on frame boundaries would corrupt characters split across frames.
 */
export class StdioDemuxer extends Transform {
  #rest: Buffer = Buffer.alloc(0)

  constructor() {
    // A small object high-water mark keeps a paused consumer from piling up frames here.
    super({ readableObjectMode: true, readableHighWaterMark: 16 })
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // Copy only when a partial frame is pending, so long streams stay linear.
    const buffer = this.#rest.length === 0 ? chunk : Buffer.concat([this.#rest, chunk])
    let offset = 0
    while (buffer.length - offset >= FRAME_HEADER_BYTES) {
      const kind = buffer[offset]
      const size = buffer.readUInt32BE(offset + 4)
      if ((kind !== 0 && kind !== 1 && kind !== 2) || size > MAX_FRAME_BYTES) {
        done(
          new EngineProtocolError(`bad stdio frame header (stream ${String(kind)}, ${size} bytes)`),
        )
        return
      }
      const end = offset + FRAME_HEADER_BYTES + size
      if (end > buffer.length) break
      // Type 0 is stdin echoed by the engine; the reference says it "is written on stdout".
      const data = buffer.subarray(offset + FRAME_HEADER_BYTES, end)
      this.push({ stream: kind === 2 ? 'stderr' : 'stdout', data } satisfies StdioFrame)
      offset = end
    }
    this.#rest = buffer.subarray(offset)
    done()
  }

  override _flush(done: TransformCallback): void {
    done(this.#rest.length > 0 ? new EngineProtocolError('stream ended inside a frame') : null)
  }
}
