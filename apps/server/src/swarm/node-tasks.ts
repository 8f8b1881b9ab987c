import type { DrainEffect, SwarmNodeDetails } from '@harbormaster/contract'
import { EngineNotFoundError, type Service, type SwarmNode, type Task } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'
import { toSwarmNode, toSwarmTask } from './to-swarm-dto.ts'

/** Finds a node by id, id prefix or host name (the engine resolves all three); 404 otherwise. */
export async function resolveNode(c: HostContext, idOrName: string): Promise<SwarmNode> {
  try {
    return await c.var.engine.swarmNodes.inspect(idOrName, { signal: c.req.raw.signal })
  } catch (error) {
    if (error instanceof EngineNotFoundError) {
      throw new ApiError(404, 'not_found', `No such node: ${idOrName}`)
    }
    throw error
  }
}

/** The tasks swarm means to run on a node (desired state running), with their services. */
async function placedTasks(c: HostContext, nodeId: string) {
  const signal = c.req.raw.signal
  const [tasks, services] = await Promise.all([
    c.var.engine.swarm.tasks({ filters: { node: [nodeId], 'desired-state': ['running'] }, signal }),
    c.var.engine.swarm.services({ signal }),
  ])
  const byId = new Map(services.map((service) => [service.id, service]))
  return tasks.flatMap((task) => {
    const service = byId.get(task.serviceId)
    return service ? [{ task, service }] : []
  })
}

/**
 * What draining the node will do: a replicated service's task is rescheduled elsewhere, a global
 * one's stops (a global service runs one task per eligible node and gets none on a drained one).
 * Every team's tasks are listed: only a caller who may change nodes asks.
 */
export async function drainEffect(c: HostContext, nodeId: string): Promise<DrainEffect> {
  const placed = await placedTasks(c, nodeId)
  const row = ({ task, service }: { task: Task; service: Service }) => ({
    ...toSwarmTask(task),
    serviceName: service.name,
  })
  const isGlobal = (service: Service) => service.mode.startsWith('global')
  return {
    moves: placed.filter((p) => !isGlobal(p.service)).map(row),
    stops: placed.filter((p) => isGlobal(p.service)).map(row),
  }
}

/** The node with its labels and every task on it the caller may see (label scope applies). */
export async function nodeDetails(c: HostContext, node: SwarmNode): Promise<SwarmNodeDetails> {
  const signal = c.req.raw.signal
  const [tasks, services] = await Promise.all([
    c.var.engine.swarm.tasks({ filters: { node: [node.id] }, signal }),
    c.var.engine.swarm.services({ signal }),
  ])
  const visible = new Set(
    services.filter((service) => inScope(c.var.grant, service.labels)).map((s) => s.id),
  )
  return {
    ...toSwarmNode(node),
    labels: node.labels,
    tasks: tasks.filter((task) => visible.has(task.serviceId)).map(toSwarmTask),
  }
}
