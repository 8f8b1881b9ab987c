import type {
  SwarmNode as SwarmNodeDto,
  SwarmObjectMeta,
  SwarmService,
  SwarmTask,
} from '@harbormaster/contract'
import type { Service, SwarmNode, SwarmSecret, Task } from '@harbormaster/engine'

/** Engine domain → API DTO: the API changes only when we change it, not when the engine does. */
export function toSwarmService(service: Service): SwarmService {
  return {
    id: service.id,
    name: service.name,
    image: service.image,
    mode: service.mode,
    replicas: service.replicas,
    runningTasks: service.runningTasks,
    desiredTasks: service.desiredTasks,
    labels: service.labels,
    createdAt: service.createdAt,
    updatedAt: service.updatedAt,
    ports: service.ports,
  }
}

export function toSwarmTask(task: Task): SwarmTask {
  return {
    id: task.id,
    serviceId: task.serviceId,
    nodeId: task.nodeId,
    slot: task.slot,
    desiredState: task.desiredState,
    state: task.state,
    message: task.message,
    error: task.error,
    containerId: task.containerId,
    exitCode: task.exitCode,
    timestamp: task.timestamp,
  }
}

export function toSwarmNode(node: SwarmNode): SwarmNodeDto {
  return {
    id: node.id,
    hostname: node.hostname,
    role: node.role,
    availability: node.availability,
    state: node.state,
    addr: node.addr,
    leader: node.leader,
    managerReachability: node.managerReachability,
    engineVersion: node.engineVersion,
    managerAddr: node.managerAddr,
    resources: node.resources,
    platform: node.platform,
    labels: node.labels,
  }
}

/** Secrets and configs: metadata only (the engine package already drops their data). */
export function toSwarmObjectMeta(meta: SwarmSecret): SwarmObjectMeta {
  return {
    id: meta.id,
    name: meta.name,
    labels: meta.labels,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
  }
}
