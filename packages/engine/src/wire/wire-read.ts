/**
 * Defensive readers for engine JSON. Engines from 1.24 to 1.51 (and Podman) omit fields, send
 * `null` for empty maps and lists, and `-1` for "unknown": every mapper reads through these, so a
 * missing field becomes a neutral value instead of a crash.
 */
export type WireObject = Record<string, unknown>

export function asObject(value: unknown): WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as WireObject)
    : {}
}

export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback
}

export function asOptionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function asNumber(value: unknown, fallback = 0): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  // The v1.51 reference renders some integers as strings; accept both.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value)
  }
  return fallback
}

export function asOptionalNumber(value: unknown): number | undefined {
  const read = asNumber(value, Number.NaN)
  return Number.isNaN(read) ? undefined : read
}

export function asBoolean(value: unknown): boolean {
  return value === true || value === 'true'
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function asStringArray(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string')
}

export function asStringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, item] of Object.entries(asObject(value))) {
    if (typeof item === 'string') result[key] = item
  }
  return result
}

/** Engine timestamps: RFC 3339 strings where "0001-01-01T00:00:00Z" means "never". */
export function asTimestamp(value: unknown): string | undefined {
  const text = asOptionalString(value)
  return text === undefined || text.startsWith('0001-01-01') ? undefined : text
}

/** Container and image names arrive with a leading "/" from Docker and without from Podman. */
export function stripSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name
}
