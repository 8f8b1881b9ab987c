import type { Service, SwarmConfig, SwarmNode, SwarmSecret, Task } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import type { RegisteredHost } from '../hosts/index.ts'
import { EVENT_KEPT_LIST_MS } from '../platform/single-flight.ts'

/**
 * How long a services or tasks answer is shared. Their running counts and task states change
 * with no engine event (swarm sends none for tasks), so they are only collapsed across browsers
 * asking at once, and dropped at once by a `service` event or a change made through us.
 */
export const SWARM_TASKS_REUSE_MS = 1000

/*
 * The host's shared reads (host-registry.ts) are cleared by prefix on each engine event of a
 * type: `service` events clear `services…`, `node` events `nodes…` and so on. Tasks live under
 * `services/` so that a service's create, update or removal makes them stale as well.
 */

/** Every node change, its state (ready, down) included, is a `node` event: kept until one. */
export function swarmNodes(c: HostContext): Promise<SwarmNode[]> {
  return c.var.host.reads.run('nodes', () => c.var.engine.swarm.nodes(), EVENT_KEPT_LIST_MS)
}

export function swarmSecrets(c: HostContext): Promise<SwarmSecret[]> {
  return c.var.host.reads.run('secrets', () => c.var.engine.swarm.secrets(), EVENT_KEPT_LIST_MS)
}

export function swarmConfigs(c: HostContext): Promise<SwarmConfig[]> {
  return c.var.host.reads.run('configs', () => c.var.engine.swarm.configs(), EVENT_KEPT_LIST_MS)
}

export function swarmServices(c: HostContext): Promise<Service[]> {
  return c.var.host.reads.run(
    'services?status=true',
    () => c.var.engine.swarm.services({ status: true }),
    SWARM_TASKS_REUSE_MS,
  )
}

/** The tasks of one service (by id), or of all when `serviceId` is undefined. */
export function swarmTasks(c: HostContext, serviceId: string | undefined): Promise<Task[]> {
  return c.var.host.reads.run(
    `services/tasks?service=${serviceId ?? ''}`,
    () =>
      c.var.engine.swarm.tasks(
        serviceId === undefined ? {} : { filters: { service: [serviceId] } },
      ),
    SWARM_TASKS_REUSE_MS,
  )
}

/**
 * Whether the host is a swarm manager, shared for half a minute: lists that show swarm objects
 * beside others (the stacks list) ask it first, so a host outside any swarm is not asked for
 * services it cannot have on every list. Joining or leaving a swarm sends no event this host
 * reports, so the answer is kept by time, as the web keeps the swarm status.
 */
export function swarmManager(c: HostContext): Promise<boolean> {
  return hostIsSwarmManager(c.var.host)
}

/** {@link swarmManager} outside a request (the image update checker). */
export function hostIsSwarmManager(host: RegisteredHost): Promise<boolean> {
  return host.reads.run('swarm-manager', () => host.engine.swarm.isManager(), 30_000)
}
