import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Context } from 'hono'
import { ApiError } from './errors.ts'

/** Build contexts and import tarballs: their own limit instead of the global 1 MiB. */
export const UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024

export interface UploadBody {
  /** The body as it arrives, never buffered: it is piped straight into the engine request. */
  stream: Readable
  /** True once more than the limit arrived (the engine request then fails on a broken body). */
  readonly exceeded: boolean
}

export function tooLarge(): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `Uploads are limited to ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MiB`,
  )
}

/**
 * The request body as a stream with a byte limit. A declared Content-Length over the limit is
 * refused before reading; a chunked body is counted as it streams (hono's bodyLimit would buffer
 * all of it in memory). @returns undefined when the request has no body.
 */
export function uploadBody(c: Context): UploadBody | undefined {
  const declared = c.req.header('content-length')
  if (declared !== undefined && Number(declared) > UPLOAD_LIMIT_BYTES) throw tooLarge()
  const body = c.req.raw.body
  if (!body || declared === '0') return undefined
  const state = { exceeded: false }
  async function* limited(source: AsyncIterable<Uint8Array>) {
    let seen = 0
    for await (const chunk of source) {
      seen += chunk.byteLength
      if (seen > UPLOAD_LIMIT_BYTES) {
        state.exceeded = true
        throw tooLarge()
      }
      yield chunk
    }
  }
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>)
  return {
    stream: Readable.from(limited(source), { objectMode: false }),
    get exceeded() {
      return state.exceeded
    },
  }
}

/**
 * Runs the engine call that consumes an upload; when the upload broke the limit, the engine's
 * failure (a broken request body) is reported as the 413 it really is.
 */
export async function withUpload<T>(upload: UploadBody | undefined, call: () => Promise<T>) {
  try {
    return await call()
  } catch (err) {
    if (upload?.exceeded) throw tooLarge()
    throw err
  }
}
