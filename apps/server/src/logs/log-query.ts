import type { LogsDownloadQuery, LogsQuery } from '@harbormaster/contract'
import type { LogOptions } from '@harbormaster/engine'
import { ApiError } from '../platform/errors.ts'

const UNIX_SECONDS = /^\d{1,12}(\.\d{1,9})?$/
const RFC_3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i
const DATE_ONLY = /^\d{4}-\d\d-\d\d$/
const DURATION = /^(?:\d{1,9}(?:\.\d{1,9})?(?:ms|s|m|h|d))+$/
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

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

/**
 * The engine reads `since` and `until` only as Unix seconds with an optional fraction
 * (`1700000000.123456789`): an RFC 3339 time is a 400 "strconv.ParseInt" on Engine 20.10, the
 * docker CLI converts before asking. We convert here, keeping the nanoseconds of an RFC 3339
 * time so that a line's own timestamp can be used to resume exactly.
 */
export function toEngineTime(value: string, field: string, now = Date.now()): string {
  if (UNIX_SECONDS.test(value)) return value
  const rfc = RFC_3339.exec(value)
  if (rfc) {
    const seconds = Date.parse(`${rfc[1] ?? ''}${rfc[3] ?? ''}`) / 1000
    if (Number.isFinite(seconds)) return `${seconds}.${(rfc[2] ?? '').padEnd(9, '0')}`
  }
  if (DATE_ONLY.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`)
    if (Number.isFinite(ms)) return String(ms / 1000)
  }
  if (DURATION.test(value)) {
    let ago = 0
    for (const [, amount = '0', unit = 's'] of value.matchAll(DURATION_PART)) {
      ago += Number(amount) * (UNIT_MS[unit] ?? 0)
    }
    return (Math.max(0, now - ago) / 1000).toFixed(3)
  }
  throw new ApiError(
    400,
    'invalid_request',
    `query.${field}: expected Unix seconds, an RFC 3339 time or a duration such as 10m`,
  )
}
