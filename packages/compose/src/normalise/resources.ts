import type { ComposeService, Resources } from '../model/service.ts'
import type { Cursor } from './cursor.ts'
import { parseBytes } from './units.ts'

type Limit = keyof Resources

/**
 * `deploy.resources` and `deploy.replicas`/`scale`, with compose's older service-level spellings
 * (`cpus`, `mem_limit`, `mem_reservation`, `pids_limit`) folded in. As in compose, giving both
 * spellings distinct values is an error.
 */
export function normaliseDeploy(service: Cursor): Pick<ComposeService, 'replicas' | 'resources'> {
  const deploy = service.get('deploy', 'deploy')
  const resources = deploy?.get('resources', 'resources')
  const limits = readResources(resources?.get('limits'), service.model, 'limits')
  const reservations = readResources(resources?.get('reservations'), service.model, 'reservations')
  const aliases: [string, Resources, Limit, 'limits' | 'reservations'][] = [
    ['cpus', limits, 'cpus', 'limits'],
    ['mem_limit', limits, 'memory', 'limits'],
    ['pids_limit', limits, 'pids', 'limits'],
    ['mem_reservation', reservations, 'memory', 'reservations'],
  ]
  for (const [key, into, limit, group] of aliases) {
    const field = service.get(key)?.as([...service.model, 'resources', group, limit])
    const value = field ? readLimit(field, limit) : undefined
    if (field === undefined || value === undefined) continue
    if (into[limit] !== undefined && into[limit] !== value) {
      field.error(`can't set distinct values on "${key}" and "deploy.resources.${group}.${limit}"`)
    }
    into[limit] = value
  }
  return { replicas: replicas(service, deploy), resources: { limits, reservations } }
}

function readResources(
  field: Cursor | undefined,
  model: readonly (string | number)[],
  group: string,
) {
  const resources: Resources = {}
  if (!field) return resources
  for (const limit of ['cpus', 'memory', 'pids'] as const) {
    const value = field.get(limit)
    const read = value
      ? readLimit(value.as([...model, 'resources', group, limit]), limit)
      : undefined
    if (read !== undefined) resources[limit] = read
  }
  return resources
}

function readLimit(field: Cursor, limit: Limit): number | undefined {
  const raw = field.node.kind === 'scalar' ? field.node.value : undefined
  field.record()
  if (limit === 'pids') return field.integer()
  if (limit === 'memory') {
    const bytes = typeof raw === 'string' || typeof raw === 'number' ? parseBytes(raw) : undefined
    if (bytes instanceof Error) field.error(bytes.message)
    return typeof bytes === 'number' ? bytes : undefined
  }
  const cpus = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim() || Number.NaN)
  if (Number.isFinite(cpus) && cpus >= 0) return cpus
  field.error(`invalid number of CPUs ${JSON.stringify(raw)}`)
  return undefined
}

function replicas(service: Cursor, deploy: Cursor | undefined): number {
  const fromDeploy = deploy?.get('replicas')?.as([...service.model, 'replicas'])
  const fromScale = service.get('scale')?.as([...service.model, 'replicas'])
  const deployed = fromDeploy?.integer()
  const scaled = fromScale?.integer()
  if (deployed !== undefined && scaled !== undefined && deployed !== scaled) {
    fromScale?.error(`can't set distinct values on "scale" and "deploy.replicas"`)
  }
  const count = scaled ?? deployed ?? 1
  if (count < 0) (fromScale ?? fromDeploy)?.error('the number of replicas must not be negative')
  return Math.max(count, 0)
}
