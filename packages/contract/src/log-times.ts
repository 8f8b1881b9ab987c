const UNIX_SECONDS = /^\d{1,12}(\.\d{1,9})?$/
const RFC_3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i
const DATE_ONLY = /^\d{4}-\d\d-\d\d$/
const DURATION = /^(?:\d{1,9}(?:\.\d{1,9})?(?:ms|s|m|h|d))+$/
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** What a logs `since` or `until` may be, in words for a form's hint or an error. */
export const LOG_TIME_HINT = 'expected a duration (10m, 1h30m), an RFC 3339 time or Unix seconds'

/**
 * A logs `since`/`until` as the engine reads it: Unix seconds with an optional fraction
 * (`1700000000.123456789`). The engine takes nothing else (an RFC 3339 time is a 400
 * "strconv.ParseInt" on Engine 20.10; the docker CLI converts before asking), so the server
 * converts, and the web app checks with the same function before it opens a stream. A duration
 * (`10m`, `1h30m`) counts back from `now`; an RFC 3339 time keeps its nanoseconds, so a line's
 * own timestamp resumes exactly. Undefined when the text is none of these.
 */
export function toEngineLogTime(value: string, now: number): string | undefined {
  if (UNIX_SECONDS.test(value)) return value
  const rfc = RFC_3339.exec(value)
  if (rfc) {
    const seconds = Date.parse(`${rfc[1] ?? ''}${rfc[3] ?? ''}`) / 1000
    return Number.isFinite(seconds) ? `${seconds}.${(rfc[2] ?? '').padEnd(9, '0')}` : undefined
  }
  if (DATE_ONLY.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`)
    return Number.isFinite(ms) ? String(ms / 1000) : undefined
  }
  if (!DURATION.test(value)) return undefined
  let ago = 0
  for (const [, amount = '0', unit = 's'] of value.matchAll(DURATION_PART)) {
    ago += Number(amount) * (UNIT_MS[unit] ?? 0)
  }
  return (Math.max(0, now - ago) / 1000).toFixed(3)
}
