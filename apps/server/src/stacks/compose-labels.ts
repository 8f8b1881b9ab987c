import type { Container } from '@harbormaster/engine'

/**
 * The labels the compose CLI writes on what it creates (docker/compose `pkg/api/labels.go`).
 * Stacks are recognised by them, so projects made by the CLI and by us look the same.
 */
export const COMPOSE = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  dependsOn: 'com.docker.compose.depends_on',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  configHash: 'com.docker.compose.config-hash',
  image: 'com.docker.compose.image',
  version: 'com.docker.compose.version',
  /** On an image the CLI (or a stack) built: `classic` or `buildkit`. */
  imageBuilder: 'com.docker.compose.image.builder',
} as const

/** A service's containers, in container-number order. */
export interface ServiceContainers {
  name: string
  containers: Container[]
}

/** The containers labelled with a compose project, by project name. */
export function groupByProject(containers: readonly Container[]): Map<string, Container[]> {
  const projects = new Map<string, Container[]>()
  for (const container of containers) {
    const project = container.labels[COMPOSE.project]
    if (project === undefined || project === '') continue
    projects.set(project, [...(projects.get(project) ?? []), container])
  }
  return projects
}

/**
 * A container's service: its `service` label, else its name, as the compose CLI falls back to
 * (`getCanonicalContainerName`) for containers it did not label.
 */
export function serviceOf(container: Container): string {
  return container.labels[COMPOSE.service] ?? container.name
}

/** `com.docker.compose.container-number`; 0 when missing or not a number. */
export function containerNumber(container: Pick<Container, 'labels'>): number {
  const number = Number(container.labels[COMPOSE.containerNumber])
  return Number.isSafeInteger(number) && number >= 0 ? number : 0
}

/** A project's containers by service, services by name, containers by number. */
export function servicesOf(containers: readonly Container[]): ServiceContainers[] {
  const services = new Map<string, Container[]>()
  for (const container of containers) {
    const service = serviceOf(container)
    services.set(service, [...(services.get(service) ?? []), container])
  }
  return [...services.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => ({
      name,
      containers: list.sort(
        (a, b) => containerNumber(a) - containerNumber(b) || a.name.localeCompare(b.name),
      ),
    }))
}

/**
 * The services a container's service depends on, from `com.docker.compose.depends_on`:
 * `svc:condition:restart` entries joined by `,` (docker/compose `pkg/compose/create.go`);
 * older labels carry only `svc` or `svc:condition`, which the CLI reads the same way
 * (`projectFromName` in `pkg/compose/compose.go`).
 */
export function dependenciesOf(container: Container): string[] {
  const label = container.labels[COMPOSE.dependsOn] ?? ''
  return label
    .split(',')
    .map((entry) => entry.split(':')[0]?.trim() ?? '')
    .filter((service) => service !== '')
}

/**
 * Services in the order to start them: each after the services it depends on (from its
 * containers' labels; dependencies outside the project are ignored, as the CLI ignores a
 * dependency it has no containers for). Ties, and services caught in a cycle (which no valid
 * file makes), go by name, so the order is the same every time. Stop and down use the reverse.
 */
export function startOrder(services: readonly ServiceContainers[]): ServiceContainers[] {
  const byName = new Map(services.map((service) => [service.name, service]))
  const needs = new Map(
    services.map((service) => [
      service.name,
      new Set(
        service.containers
          .flatMap(dependenciesOf)
          .filter((dependency) => byName.has(dependency) && dependency !== service.name),
      ),
    ]),
  )
  const ordered: ServiceContainers[] = []
  const placed = new Set<string>()
  const names = [...byName.keys()].sort((a, b) => a.localeCompare(b))
  while (ordered.length < names.length) {
    const ready = names.filter(
      (name) => !placed.has(name) && [...(needs.get(name) ?? [])].every((dep) => placed.has(dep)),
    )
    // A cycle: take the first left by name, so the rest can follow.
    const next = ready.length > 0 ? ready : names.filter((name) => !placed.has(name)).slice(0, 1)
    for (const name of next) {
      placed.add(name)
      const service = byName.get(name)
      if (service) ordered.push(service)
    }
  }
  return ordered
}
