import type { StackDetails, StackStatus, StackSummary } from '@harbormaster/contract'
import type { PortMapping, Service } from '@harbormaster/engine'
import { toStamp } from '../stack-stamp.ts'
import type { StackView } from '../stack-views.ts'
import { serviceKey } from './swarm-stacks.ts'

/**
 * A swarm stack in the list: its services' running tasks of those desired (the engine's
 * `ServiceStatus`), `empty` without services, `running` when every desired task runs, `partial`
 * when some do, `exited` when none does.
 */
export function toSwarmStackSummary(view: StackView, services: readonly Service[]): StackSummary {
  const { name, stored } = view
  const rows = services.map((service) => ({
    name: serviceKey(name, service.name),
    running: service.runningTasks ?? 0,
    total: service.desiredTasks ?? service.replicas ?? 0,
  }))
  const running = rows.reduce((sum, row) => sum + row.running, 0)
  const total = rows.reduce((sum, row) => sum + row.total, 0)
  return {
    name,
    target: 'swarm',
    origin: stored ? 'managed' : 'cli',
    status: swarmStatus(services.length, running, total),
    running,
    total,
    services: rows,
    ports: publishedPorts(services),
    ...(stored ? { saved: toStamp(stored.saved) } : {}),
    ...(stored?.deployed ? { deployed: toStamp(stored.deployed) } : {}),
  }
}

/** The stack with each service and its id, for links to the service's page. */
export function toSwarmStackDetails(view: StackView, services: readonly Service[]): StackDetails {
  return {
    ...toSwarmStackSummary(view, services),
    services: services.map((service) => ({
      name: serviceKey(view.name, service.name),
      image: service.image,
      ...(service.replicas === undefined ? {} : { replicas: service.replicas }),
      containers: [],
      swarm: {
        id: service.id,
        name: service.name,
        mode: service.mode,
        running: service.runningTasks ?? 0,
        desired: service.desiredTasks ?? service.replicas ?? 0,
      },
    })),
  }
}

function swarmStatus(services: number, running: number, total: number): StackStatus {
  if (services === 0) return 'empty'
  if (running > 0 && running >= total) return 'running'
  return running > 0 ? 'partial' : 'exited'
}

function publishedPorts(services: readonly Service[]): PortMapping[] {
  return services
    .flatMap((service) => service.ports)
    .filter((port) => port.publishedPort !== undefined)
    .map((port) => ({
      privatePort: port.targetPort,
      type: port.protocol,
      ...(port.publishedPort === undefined ? {} : { publicPort: port.publishedPort }),
    }))
    .sort((a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0))
}
