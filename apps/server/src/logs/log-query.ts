import {
  LOG_TIME_HINT,
  type LogsDownloadQuery,
  type LogsQuery,
  toEngineLogTime,
} from '@harbormaster/contract'
import type { LogOptions } from '@harbormaster/engine'
import { ApiError } from '../platform/errors.ts'

/**
 * The engine's log options for a query, refusing what the engine would refuse after the
 * upgrade (where it could only be an error frame): no stream chosen, or a time it cannot read.
 */
export function toLogOptions(query: LogsQuery | LogsDownloadQuery, now = Date.now()): LogOptions {
  if (!query.stdout && !query.stderr) {
    throw new ApiError(400, 'invalid_request', 'query: choose stdout, stderr or both')
  }
  return {
    follow: 'follow' in query ? query.follow : false,
    tail: query.tail,
    timestamps: query.timestamps,
    stdout: query.stdout,
    stderr: query.stderr,
    ...(query.since === undefined ? {} : { since: toEngineTime(query.since, 'since', now) }),
    ...(query.until === undefined ? {} : { until: toEngineTime(query.until, 'until', now) }),
  }
}

/** `since`/`until` as the engine reads them (see the contract's `toEngineLogTime`), or a 400. */
export function toEngineTime(value: string, field: string, now = Date.now()): string {
  const time = toEngineLogTime(value, now)
  if (time !== undefined) return time
  throw new ApiError(400, 'invalid_request', `query.${field}: ${LOG_TIME_HINT}`)
}
