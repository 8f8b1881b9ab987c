import type { ApiErrorBody, ErrorCode } from '@harbormaster/contract'
import {
  EngineError,
  EngineNotManagerError,
  EngineTimeoutError,
  EngineUnreachableError,
  EngineUnsupportedError,
  EngineVersionError,
} from '@harbormaster/engine'
import { HTTPException } from 'hono/http-exception'
import type { Context } from 'hono'
import type {
  ClientErrorStatusCode,
  ContentfulStatusCode,
  ServerErrorStatusCode,
} from 'hono/utils/http-status'
import type { Logger } from 'pino'
import type { WithVars } from './platform-env.ts'

/** An error the API answers with as it is: status, code and a message naming what is wrong. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode
  readonly code: ErrorCode

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The 4xx and 5xx statuses HTTP defines (Hono's types): an engine's is passed on as it is. */
const ERROR_STATUSES = [
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
  421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508,
  510, 511,
] as const satisfies readonly (ClientErrorStatusCode | ServerErrorStatusCode)[]

/** The engine's error status, or 502 for one HTTP does not define (the engine misbehaved). */
const passedOn = (status: number): ContentfulStatusCode =>
  ERROR_STATUSES.find((known) => known === status) ?? 502

const codeForEngineStatus: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  404: 'not_found',
  409: 'conflict',
}

/** The one place that turns any thrown error into the `{ error: { code, message } }` envelope. */
export function toErrorResponse(err: unknown): {
  status: ContentfulStatusCode
  body: ApiErrorBody
} {
  const answer = (status: ContentfulStatusCode, code: ErrorCode, message: string) => ({
    status,
    body: { error: { code, message } },
  })
  if (err instanceof ApiError) return answer(err.status, err.code, err.message)
  // Hono's own 4xx (a body its JSON parser rejects, for one) get the envelope too.
  if (err instanceof HTTPException && err.status < 500) {
    return answer(err.status, 'invalid_request', err.message || 'Bad request')
  }
  if (err instanceof EngineUnreachableError) return answer(502, 'engine_unreachable', err.message)
  if (err instanceof EngineTimeoutError) return answer(504, 'engine_timeout', err.message)
  if (err instanceof EngineNotManagerError) return answer(503, 'engine_error', err.message)
  // Not implemented by this engine's API version: the view says so instead of failing.
  if (err instanceof EngineUnsupportedError) return answer(501, 'engine_unsupported', err.message)
  // Too old an engine, or a pin it cannot serve: every route of the host says why.
  if (err instanceof EngineVersionError) return answer(502, 'engine_version', err.message)
  if (err instanceof EngineError) {
    // House rule: engine errors keep the engine's status and message.
    return answer(
      passedOn(err.status),
      codeForEngineStatus[err.status] ?? 'engine_error',
      err.message,
    )
  }
  return answer(500, 'internal', 'Internal server error')
}

/**
 * The app's error handler (`app.onError`). `hostId` is set on host routes (requireHostAction):
 * a 502 or 504 then names the host.
 */
export function onError<C extends Context>(
  err: Error,
  c: WithVars<C, { logger: Logger; hostId?: string }>,
): Response {
  // The browser went away (a tab switch cancels queries): nobody reads this answer.
  if (c.req.raw.signal.aborted) {
    c.var.logger.debug({ path: c.req.path }, 'request cancelled by the client')
    return c.json({ error: { code: 'invalid_request', message: 'Request cancelled' } }, 400)
  }
  const { status, body } = toErrorResponse(err)
  // Name the host, not just its socket: with several hosts the address alone says little.
  const hostId = c.var.hostId
  if (hostId !== undefined && (status === 502 || status === 504)) {
    body.error.message = `Host "${hostId}": ${body.error.message}`
  }
  // Our own failures are errors; an engine's 5xx is the engine's, passed on as it said it.
  if (status === 500 && !(err instanceof EngineError))
    c.var.logger.error({ err, path: c.req.path }, 'request failed')
  else if (status >= 502 && !(err instanceof ApiError))
    c.var.logger.warn({ path: c.req.path, message: body.error.message }, 'engine error')
  return c.json(body, status)
}
