/** Engine filters: `{ "label": ["a=b"], "status": ["running"] }` (docs/engine.md#filters). */
export type Filters = Record<string, string[]>

export type QueryValue = string | number | boolean | string[] | Filters | undefined
export type Query = Record<string, QueryValue>

/**
 * Encodes query parameters the way the engine reads them: booleans as true/false, arrays as
 * repeated keys, objects (filters, build args, labels) as JSON. Undefined values are left out.
 */
export function encodeQuery(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, item)
    } else if (typeof value === 'object') {
      if (Object.keys(value).length > 0) params.append(key, JSON.stringify(value))
    } else {
      params.append(key, String(value))
    }
  }
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

/** Merges label filters given as a map into the engine's `key=value` list form. */
export function labelFilter(labels: Record<string, string> | undefined): string[] | undefined {
  if (!labels) return undefined
  return Object.entries(labels).map(([key, value]) => (value === '' ? key : `${key}=${value}`))
}
