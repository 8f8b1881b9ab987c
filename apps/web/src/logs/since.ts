// The forms the server's logs endpoint reads for `since` (apps/server/src/logs/log-query.ts):
// anything else would open the socket only to be refused, so the page checks before asking.
const UNIX_SECONDS = /^\d{1,12}(\.\d{1,9})?$/
const RFC_3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/i
const DATE_ONLY = /^\d{4}-\d\d-\d\d$/
const DURATION = /^(?:\d{1,9}(?:\.\d{1,9})?(?:ms|s|m|h|d))+$/

/** Empty (the whole log), a duration like 10m or 1h30m, an RFC 3339 time or Unix seconds. */
export function isValidSince(value: string): boolean {
  if (value === '' || UNIX_SECONDS.test(value) || DURATION.test(value)) return true
  const rfc = RFC_3339.exec(value)
  if (rfc) return Number.isFinite(Date.parse(`${rfc[1] ?? ''}${rfc[2] ?? ''}`))
  return DATE_ONLY.test(value) && Number.isFinite(Date.parse(`${value}T00:00:00Z`))
}

export const SINCE_HINT = 'expected a duration (10m, 1h30m), an RFC 3339 time or Unix seconds'
