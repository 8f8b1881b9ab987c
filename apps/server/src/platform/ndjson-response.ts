import type { ApiErrorBody } from '@harbormaster/contract'
import { EngineStreamError } from '@harbormaster/engine'
import type { Context } from 'hono'
import { stream } from 'hono/streaming'
import type { Logger } from 'pino'
import type { StreamOutcome, WithVars } from './platform-env.ts'
import { toErrorResponse } from './errors.ts'

/**
 * An AbortController for engine work done on behalf of this request: it aborts when the client
 * goes away (the request's signal) and when a response stream is cancelled (call `abort()`).
 * Pass its signal to the engine call, so leaving ends the engine request and its work.
 */
export function abortWithClient(c: Context): AbortController {
  const controller = new AbortController()
  const request = c.req.raw.signal
  if (request.aborted) controller.abort(request.reason)
  else
    request.addEventListener(
      'abort',
      () => {
        controller.abort(request.reason)
      },
      { once: true },
    )
  return controller
}

/**
 * Answers with `source` as NDJSON (`application/x-ndjson`), one JSON document per line. Each
 * write waits until the client has taken the previous one, so a slow client slows the engine
 * instead of growing a buffer here. When the client goes away, `work` is aborted (its signal must
 * be the engine call's) and nothing more is written. An error while streaming becomes a last
 * line `{"error":{"code","message"}}`, since the 200 status has already been sent.
 */
export function streamNdjson<C extends Context>(
  c: WithVars<C, { logger: Logger }>,
  source: AsyncIterable<unknown>,
  work: AbortController,
): Response {
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
  c.header('Cache-Control', 'no-store')
  let settle: (outcome: StreamOutcome) => void = () => undefined
  c.set('streamOutcome', new Promise<StreamOutcome>((resolve) => (settle = resolve)))
  const left: StreamOutcome = { status: 499, error: 'The client went away' }
  // C extends Context: `c` is the route's Context, which the rule cannot see through WithVars.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return stream(c, async (out) => {
    out.onAbort(() => {
      work.abort(new Error('The client went away'))
    })
    try {
      for await (const item of source) {
        if (out.aborted || work.signal.aborted) {
          settle(left)
          return
        }
        await out.write(`${JSON.stringify(item)}\n`)
      }
      settle({ status: 200 })
    } catch (err) {
      if (out.aborted || work.signal.aborted) {
        settle(left)
        return
      }
      const line = errorLine(err)
      if (line.error.code === 'internal')
        c.var.logger.error({ err, path: c.req.path }, 'stream failed')
      settle({ status: toErrorResponse(err).status, error: line.error.message })
      await out.write(`${JSON.stringify(line)}\n`)
    } finally {
      settle(left) // a no-op once settled; otherwise the stream died on a write: the client left
    }
  })
}

/** A failure the engine reported inside a 200 stream keeps its message, like any engine error. */
function errorLine(err: unknown): ApiErrorBody {
  if (err instanceof EngineStreamError) {
    return { error: { code: 'engine_error', message: err.message } }
  }
  return toErrorResponse(err).body
}
