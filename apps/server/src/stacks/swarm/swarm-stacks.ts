import type { StackStep } from '@harbormaster/contract'
import { EngineNotFoundError, EngineNotManagerError, type Service } from '@harbormaster/engine'
import type { HostContext } from '../../app-env.ts'
import { inScope } from '../../policy/index.ts'
import type { HostGrant } from '../../policy/index.ts'
import { swarmManager, visibleServices } from '../../swarm/index.ts'
import { type Operation, line, messageOf } from '../operations/stack-operations.ts'
import { STACK_NAMESPACE } from './swarm-convert.ts'

/**
 * The swarm stacks the caller may see: their services in scope grouped by the
 * `com.docker.stack.namespace` label, whoever deployed them (we or `docker stack deploy`).
 * None on a host that is not a swarm manager, or on Podman.
 */
export async function swarmStackServices(c: HostContext): Promise<Map<string, Service[]>> {
  // Podman has no swarm (and no `/services` route to answer 503 from).
  if ((await c.var.engine.connect({ signal: c.req.raw.signal })).flavour === 'podman')
    return new Map()
  if (!(await swarmManager(c))) return new Map()
  let services: Service[]
  try {
    services = await visibleServices(c)
  } catch (err) {
    // Demoted or gone from the swarm within the manager answer's half minute: no stacks.
    if (err instanceof EngineNotManagerError) return new Map()
    throw err
  }
  const stacks = new Map<string, Service[]>()
  for (const service of services) {
    const namespace = service.labels[STACK_NAMESPACE]
    if (namespace === undefined || namespace === '') continue
    stacks.set(namespace, [...(stacks.get(namespace) ?? []), service])
  }
  for (const list of stacks.values()) list.sort((a, b) => a.name.localeCompare(b.name))
  return stacks
}

/** The stack's services on the cluster, asked of the engine (whoever may see them). */
export async function namespaceServices(
  op: Pick<Operation, 'engine' | 'signal'>,
  namespace: string,
): Promise<Service[]> {
  const listed = await op.engine.swarm.services({
    filters: { label: [`${STACK_NAMESPACE}=${namespace}`] },
    signal: op.signal,
  })
  return listed.filter((service) => service.labels[STACK_NAMESPACE] === namespace)
}

/** `<stack>_web` is the stack's `web`. */
export function serviceKey(namespace: string, name: string): string {
  return name.startsWith(`${namespace}_`) ? name.slice(namespace.length + 1) : name
}

/**
 * `docker stack rm`: the stack's services, then its networks, secrets and configs, each found
 * by the namespace label and in the caller's scope. Services go first: swarm refuses to remove
 * a network, secret or config a service still names.
 */
export async function* removeSwarmStack(
  op: Operation,
  namespace: string,
  grant: HostGrant,
): AsyncGenerator<StackStep> {
  const label = { label: [`${STACK_NAMESPACE}=${namespace}`] }
  const ours = (labels: Record<string, string>) =>
    labels[STACK_NAMESPACE] === namespace && inScope(grant, labels)
  const services = (await namespaceServices(op, namespace)).filter((s) => ours(s.labels))
  for (const service of services) {
    yield* gone(op, { object: 'service', name: service.name, action: 'remove' }, () =>
      op.engine.services.remove(service.id, { signal: op.signal }),
    )
  }
  const networks = await op.engine.networks.list({ filters: label, signal: op.signal })
  for (const network of networks.filter((n) => ours(n.labels))) {
    yield* gone(op, { object: 'network', name: network.name, action: 'remove' }, () =>
      op.engine.networks.remove(network.id, { signal: op.signal }),
    )
  }
  for (const kind of ['secret', 'config'] as const) {
    const api = kind === 'secret' ? op.engine.secrets : op.engine.configs
    const listed = await api.list({ filters: label, signal: op.signal })
    for (const item of listed.filter((i) => ours(i.labels))) {
      yield* gone(op, { object: kind, name: item.name, action: 'remove' }, () =>
        api.remove(item.id, { signal: op.signal }),
      )
    }
  }
}

/** A removal; one already gone meanwhile is done all the same. */
async function* gone(
  op: Operation,
  step: Omit<StackStep, 'type' | 'state'>,
  call: () => Promise<void>,
): AsyncGenerator<StackStep> {
  op.signal.throwIfAborted()
  yield line(step, 'started')
  op.changes++
  try {
    await call()
  } catch (err) {
    if (err instanceof EngineNotFoundError) {
      yield line(step, 'done', 'already gone')
      return
    }
    if (!op.signal.aborted) yield line(step, 'failed', messageOf(err))
    throw err
  }
  yield line(step, 'done')
}
