import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { EngineProtocolError } from '../errors.ts'

const MAX_LINE_BYTES = 8 * 1024 * 1024

/**
 * Yields each non-empty line of a newline-delimited stream as text, keeping a partial line
 * across chunks (docs/engine.md#progress-streams, #events). Reading pulls from the stream, so a slow consumer slows
 * the engine instead of growing a buffer; a line longer than 8 MiB is a protocol error.
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  // A decoder keeps a multi-byte character that straddles two chunks intact.
  const decoder = new StringDecoder('utf8')
  let pending = ''
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk)
    let newline = pending.indexOf('\n')
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim()
      pending = pending.slice(newline + 1)
      if (line !== '') yield line
      newline = pending.indexOf('\n')
    }
    if (pending.length > MAX_LINE_BYTES) {
      stream.destroy()
      throw new EngineProtocolError(`engine sent a line longer than ${MAX_LINE_BYTES} bytes`)
    }
  }
  const last = (pending + decoder.end()).trim()
  if (last !== '') yield last
}

/** Parses each line as JSON. */
export async function* readJsonLines(stream: Readable): AsyncGenerator {
  for await (const line of readLines(stream)) {
    try {
      yield JSON.parse(line) as unknown
    } catch {
      stream.destroy()
      throw new EngineProtocolError(`engine sent a line that is not JSON: ${line.slice(0, 120)}`)
    }
  }
}
