import type { IncomingMessage } from 'node:http'
import { EngineError, EngineProtocolError } from './errors.ts'

/**
 * Reads a whole response body, refusing to hold more than `limit` bytes. When `signal` aborts
 * mid-body, rejects with the signal's reason so deadlines and cancellations keep their meaning.
 */
export async function readBody(
  res: IncomingMessage,
  limit: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limit) {
        res.destroy()
        throw new EngineProtocolError(`Engine response larger than ${limit} bytes`)
      }
      chunks.push(chunk)
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason
    throw err
  }
  return Buffer.concat(chunks)
}

const MAX_ERROR_BYTES = 64 * 1024

/**
 * Turns an error response into a typed EngineError with the engine's own message: JSON
 * `{"message": …}` from 1.24 on (Podman adds `cause` and `response`), plain text below 1.24 and
 * for the "too old" version error (docs/engine.md#errors).
 */
export async function readEngineError(res: IncomingMessage): Promise<EngineError> {
  const status = res.statusCode ?? 500
  let text: string
  try {
    text = (await readBody(res, MAX_ERROR_BYTES)).toString('utf8').trim()
  } catch {
    text = ''
  }
  return EngineError.fromStatus(status, messageOf(text) || `Engine answered ${status}`)
}

function messageOf(text: string): string {
  if (!text.startsWith('{')) return text
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      const { message } = parsed
      if (typeof message === 'string') return message
    }
  } catch {
    // Not JSON after all: the text itself is the message.
  }
  return text
}
