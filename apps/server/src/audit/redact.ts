export const REDACTED = '[redacted]'

const SECRET_KEY = /pass(word)?|secret|token|key|auth|credential|cookie|env/i
/** Container-style environment lists (`Env: ["KEY=value"]`): keep the names, hide the values. */
const ENV_LIST_KEY = /^env$/i
const MAX_DEPTH = 16

/**
 * A copy of `value` fit for the audit log: values under secret-looking keys become "[redacted]",
 * and `KEY=value` entries of any `env`/`Env` array become `KEY=[redacted]`. Deeper than 16 levels
 * or cyclic parts become "[truncated]".
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet())
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH || seen.has(value)) return '[truncated]'
  seen.add(value)
  const copy = Array.isArray(value)
    ? value.map((item: unknown) => redactValue(item, depth + 1, seen))
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, redactEntry(key, item, depth, seen)]),
      )
  // Siblings may share an object legitimately; only a value inside itself is a cycle.
  seen.delete(value)
  return copy
}

function redactEntry(key: string, item: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (ENV_LIST_KEY.test(key) && Array.isArray(item)) return item.map(redactEnvEntry)
  if (SECRET_KEY.test(key)) return REDACTED
  return redactValue(item, depth + 1, seen)
}

function redactEnvEntry(entry: unknown): unknown {
  if (typeof entry !== 'string') return REDACTED
  const equals = entry.indexOf('=')
  return equals === -1 ? entry : `${entry.slice(0, equals)}=${REDACTED}`
}
