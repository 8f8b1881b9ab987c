import type { ServiceCreateInput, ServiceUpdateInput } from '@harbormaster/contract'

/**
 * What an edit sends (`PATCH /swarm/services/:id`): only the settings that differ from the
 * service's, each whole. A setting the user emptied is sent empty (`[]`, `{}`), which clears it;
 * leaving it out would keep it. The environment comes back with withheld values masked, so it is
 * sent only when the user edited it; a masked line sent back keeps its value (the server restores
 * it), so an edit need not retype what it cannot see.
 */
export function serviceChanges(
  before: ServiceCreateInput,
  after: ServiceCreateInput,
  options: { envEdited: boolean },
): ServiceUpdateInput {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  keys.delete('name')
  if (!options.envEdited) keys.delete('env')
  const change: Record<string, unknown> = {}
  for (const key of keys) {
    const was = before[key as keyof ServiceCreateInput]
    const now = after[key as keyof ServiceCreateInput]
    if (canonical(was) === canonical(now)) continue
    change[key] = now ?? emptyLike(was)
  }
  return change
}

function emptyLike(value: unknown): unknown {
  return Array.isArray(value) ? [] : {}
}

/** A value's JSON with sorted keys and without what means "not set" (undefined, empty). */
function canonical(value: unknown): string {
  return JSON.stringify(normal(value)) ?? ''
}

function normal(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normal)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value)
    .map(([k, v]) => [k, normal(v)] as const)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
  return entries.length === 0 ? undefined : Object.fromEntries(entries)
}
