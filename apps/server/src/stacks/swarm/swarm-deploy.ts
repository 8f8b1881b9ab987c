import type { StackStep } from '@harbormaster/contract'
import {
  type ServiceDetails,
  type ServiceSettings,
  readServiceSpec,
  toServiceSpecWire,
} from '@harbormaster/engine'
import type { HostContext } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { judgedSettings } from '../../swarm/index.ts'
import { type Operation, line, perform } from '../operations/stack-operations.ts'
import {
  STACK_IMAGE,
  STACK_NAMESPACE,
  type SwarmFilePlan,
  type SwarmStackPlan,
} from './swarm-convert.ts'
import { namespaceServices, serviceKey } from './swarm-stacks.ts'

export interface SwarmDeploy {
  c: HostContext
  op: Operation
  namespace: string
  plan: SwarmStackPlan
  /** Each secret's and config's value, by its name on the cluster. */
  values: ReadonlyMap<string, Buffer>
}

type Step = Omit<StackStep, 'type' | 'state'>

/**
 * `docker stack deploy --prune` of a checked plan (docs/engine.md#stacks-on-a-swarm): what the
 * file no longer has goes first, then missing networks, secrets and configs are created, then
 * each service is created, or updated when its spec differs from the file's (a service the
 * file did not change is left alone, its tasks untouched). Every spec sent passes the service
 * policy (service-policy.ts) as a `POST /swarm/services` would, on top of the whole file's
 * check before the first call.
 */
export async function* deploySwarmStack(d: SwarmDeploy): AsyncGenerator<StackStep> {
  const { op, namespace, plan } = d
  if (plan.ignored.length > 0) {
    const message = `Ignoring unsupported options: ${plan.ignored.join(', ')}`
    yield line({ object: 'stack', name: namespace, action: 'ignore' }, 'done', message)
  }
  const existing = await namespaceServices(op, namespace)
  const wanted = new Set(plan.services.map((s) => s.settings.name))
  for (const service of existing.filter((s) => !wanted.has(s.name))) {
    const step: Step = {
      object: 'service',
      name: service.name,
      service: serviceKey(namespace, service.name),
      action: 'remove',
    }
    yield* perform(op, step, () => op.engine.services.remove(service.id, { signal: op.signal }))
  }
  yield* createNetworks(d)
  yield* createFiles(d, 'secret', plan.secrets)
  yield* createFiles(d, 'config', plan.configs)
  const byName = new Map(existing.map((s) => [s.name, s]))
  const networkIds = await idsOfNetworks(d)
  for (const { key, settings } of plan.services) {
    const current = byName.get(settings.name)
    const step: Step = { object: 'service', name: settings.name, service: key, action: 'create' }
    if (!current) {
      const judged = await judgedSettings(d.c, { settings, unmodelled: [] })
      yield* perform(op, step, async () => {
        await op.engine.services.create(judged, { signal: op.signal })
      })
      continue
    }
    const details = await op.engine.services.inspect(current.id, { signal: op.signal })
    if (sameSpec(details, settings, networkIds)) {
      yield line({ ...step, action: 'keep' }, 'done', 'unchanged')
      continue
    }
    yield* perform(op, { ...step, action: 'update' }, async () => {
      await op.engine.services.update(
        current.id,
        (now) =>
          judgedSettings(d.c, { settings: keepingPinnedImage(now, settings), unmodelled: [] }),
        { signal: op.signal },
      )
    })
  }
}

/** The networks the services name, by name: the ids the engine keeps in their specs. */
async function idsOfNetworks(d: SwarmDeploy): Promise<Map<string, string>> {
  const names = [
    ...new Set(d.plan.services.flatMap((s) => (s.settings.networks ?? []).map((n) => n.name))),
  ]
  if (names.length === 0) return new Map()
  const listed = await d.op.engine.networks.list({
    filters: { name: names },
    signal: d.op.signal,
  })
  return new Map(listed.filter((n) => names.includes(n.name)).map((n) => [n.name, n.id]))
}

/** The stack's networks the cluster lacks; one of that name that is not the stack's is an error. */
async function* createNetworks(d: SwarmDeploy): AsyncGenerator<StackStep> {
  const { op, namespace } = d
  for (const spec of d.plan.networks) {
    const step: Step = { object: 'network', name: spec.name, action: 'create' }
    const found = (
      await op.engine.networks.list({ filters: { name: [spec.name] }, signal: op.signal })
    ).find((n) => n.name === spec.name)
    if (found) {
      if (found.labels[STACK_NAMESPACE] !== namespace)
        throw new ApiError(
          409,
          'conflict',
          `Network ${spec.name} exists and is not stack ${namespace}'s`,
        )
      yield line({ ...step, action: 'keep' }, 'done')
      continue
    }
    yield* perform(op, step, async () => {
      await op.engine.networks.create(spec, { signal: op.signal })
    })
  }
}

/**
 * Secrets and configs the cluster lacks, with their files' content. Swarm never changes a
 * value in place (the CLI's update of one fails), so an existing one of the stack is kept.
 */
async function* createFiles(
  d: SwarmDeploy,
  kind: 'secret' | 'config',
  files: readonly SwarmFilePlan[],
): AsyncGenerator<StackStep> {
  const { op, namespace } = d
  const api = kind === 'secret' ? op.engine.secrets : op.engine.configs
  for (const file of files) {
    const step: Step = { object: kind, name: file.name, action: 'create' }
    const found = (await api.list({ filters: { name: [file.name] }, signal: op.signal })).find(
      (item) => item.name === file.name,
    )
    if (found) {
      if (found.labels[STACK_NAMESPACE] !== namespace)
        throw new ApiError(
          409,
          'conflict',
          `A ${kind} ${file.name} exists and is not stack ${namespace}'s`,
        )
      yield line({ ...step, action: 'keep' }, 'done', 'exists (a value never changes in place)')
      continue
    }
    const data = d.values.get(file.name) ?? Buffer.alloc(0)
    yield* perform(op, step, async () => {
      await api.create({ name: file.name, labels: file.labels, data }, { signal: op.signal })
    })
  }
}

/**
 * As the CLI: when the file's image is the one the service was deployed from, the service keeps
 * the image it runs (a digest pinned at its create), so a redeploy does not move it.
 */
function keepingPinnedImage(current: ServiceDetails, wanted: ServiceSettings): ServiceSettings {
  const now = current.spec.settings
  return now.labels?.[STACK_IMAGE] === wanted.image ? { ...wanted, image: now.image } : wanted
}

/**
 * Whether the service already has the spec the file asks for, both read back the same way; the
 * engine keeps networks by id, so the file's names are given as the ids they have now.
 */
function sameSpec(
  current: ServiceDetails,
  wanted: ServiceSettings,
  networkIds: ReadonlyMap<string, string>,
): boolean {
  const ids = { secrets: new Map<string, string>(), configs: new Map<string, string>() }
  const byId = {
    ...keepingPinnedImage(current, wanted),
    networks: wanted.networks?.map((n) => ({ ...n, name: networkIds.get(n.name) ?? n.name })),
  }
  const asRead = readServiceSpec(toServiceSpecWire(byId, ids))
  return canonical(asRead.settings) === canonical(current.spec.settings)
}

/** JSON with sorted keys, without what the engine fills in by default (`vip`, a ratio of 0). */
function canonical(settings: ServiceSettings): string {
  const { endpointMode, ...rest } = settings
  const normal = endpointMode === 'vip' ? rest : { ...rest, endpointMode }
  return JSON.stringify(normal, (key, value: unknown) =>
    key === 'maxFailureRatio' && value === 0
      ? undefined
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
        : value,
  )
}
