import type {
  StackContainer,
  StackDetails,
  StackStatus,
  StackSummary,
} from '@harbormaster/contract'
import type { Container, PortMapping, Service } from '@harbormaster/engine'
import { COMPOSE, containerNumber, servicesOf } from './compose-labels.ts'
import type { FileService } from './file-services.ts'
import { toStamp } from './stack-stamp.ts'
import type { StoredStack } from './stack-store.ts'
import { toSwarmStackDetails, toSwarmStackSummary } from './swarm/swarm-views.ts'

/**
 * A stack as one caller sees it: its stored record when it is managed and in their scope, and
 * the project's containers in their scope (either may be missing, not both).
 */
export interface StackView {
  name: string
  stored: StoredStack | undefined
  containers: Container[]
  /** A swarm stack's services in the caller's scope (swarm-stacks.ts); absent for compose. */
  swarmServices?: Service[] | undefined
}

/**
 * `running` when every container runs, `partial` when some do, `created` when none has ever
 * started, `exited` when none runs, `empty` without containers (a managed stack not deployed).
 */
export function stackStatus(containers: readonly Container[]): StackStatus {
  if (containers.length === 0) return 'empty'
  const running = containers.filter((container) => container.state === 'running').length
  if (running === containers.length) return 'running'
  if (running > 0) return 'partial'
  return containers.every((container) => container.state === 'created') ? 'created' : 'exited'
}

export function toStackSummary(view: StackView): StackSummary {
  if (view.swarmServices) return toSwarmStackSummary(view, view.swarmServices)
  const { name, stored, containers } = view
  const services = servicesOf(containers).map((service) => ({
    name: service.name,
    running: runningIn(service.containers),
    total: service.containers.length,
  }))
  return {
    name,
    origin: stored ? 'managed' : 'cli',
    status: stackStatus(containers),
    running: runningIn(containers),
    total: containers.length,
    services,
    ports: publishedPorts(containers),
    ...(stored ? { saved: toStamp(stored.saved) } : {}),
    ...(stored?.deployed ? { deployed: toStamp(stored.deployed) } : {}),
    ...(stored ? {} : cliProjectFiles(containers)),
  }
}

/**
 * The stack with each service's containers. `declared` are the services of a managed stack's
 * file: each is listed even with no container (scaled to 0, or not created yet), with the
 * number of containers the file asks for; a service only containers name (a CLI project's, or
 * one the file no longer has) is listed from them.
 */
export function toStackDetails(
  view: StackView,
  declared: readonly FileService[] = [],
): StackDetails {
  if (view.swarmServices) return toSwarmStackDetails(view, view.swarmServices)
  const byService = new Map(servicesOf(view.containers).map((s) => [s.name, s.containers]))
  const inFile = new Map(declared.map((service) => [service.name, service]))
  const names = [...new Set([...inFile.keys(), ...byService.keys()])].sort((a, b) =>
    a.localeCompare(b),
  )
  return {
    ...toStackSummary(view),
    services: names.map((name) => {
      const containers = byService.get(name) ?? []
      const file = inFile.get(name)
      const image = containers[0]?.image ?? file?.image
      return {
        name,
        ...(image === undefined ? {} : { image }),
        ...(file ? { replicas: file.replicas } : {}),
        containers: containers.map(toStackContainer),
      }
    }),
  }
}

function toStackContainer(container: Container): StackContainer {
  return {
    id: container.id,
    name: container.name,
    number: containerNumber(container),
    state: container.state,
    status: container.status,
    ...(container.health ? { health: container.health } : {}),
    image: container.image,
    ports: container.ports,
  }
}

function runningIn(containers: readonly Container[]): number {
  return containers.filter((container) => container.state === 'running').length
}

/** Every published port once, for the list's ports column. */
function publishedPorts(containers: readonly Container[]): PortMapping[] {
  const ports = new Map<string, PortMapping>()
  for (const port of containers.flatMap((container) => container.ports)) {
    if (port.publicPort === undefined) continue
    ports.set(`${port.ip ?? ''}:${port.publicPort}:${port.privatePort}/${port.type}`, port)
  }
  return [...ports.values()].sort(
    (a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0) || a.privatePort - b.privatePort,
  )
}

/** Where the CLI read the project from, as its containers say. */
function cliProjectFiles(containers: readonly Container[]): {
  configFiles?: string[]
  workingDir?: string
} {
  const labelled = (key: string) =>
    containers.map((container) => container.labels[key]).find((value) => value)
  const configFiles = labelled(COMPOSE.configFiles)
  const workingDir = labelled(COMPOSE.workingDir)
  return {
    ...(configFiles ? { configFiles: configFiles.split(',').filter((file) => file !== '') } : {}),
    ...(workingDir ? { workingDir } : {}),
  }
}
