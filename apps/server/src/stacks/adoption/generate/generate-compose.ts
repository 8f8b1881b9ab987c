import { isDeepStrictEqual } from 'node:util'
import { COMPOSE } from '../../compose-labels.ts'
import { isConventionalName, literal } from './compose-values.ts'
import { envFileText, secretVariables } from './env-variables.ts'
import type {
  ContainerSnapshot,
  GenerateOptions,
  GeneratedCompose,
  ProjectSnapshot,
} from './project-snapshot.ts'
import { ProjectObjects } from './project-objects.ts'
import { stringifyCompose } from './stringify-compose.ts'
import { type ServiceDraft, draftService } from './service-draft.ts'

/** Service keys in the order people write them. */
export const SERVICE_KEY_ORDER = [
  'image',
  'pull_policy',
  'entrypoint',
  'command',
  'user',
  'working_dir',
  'hostname',
  'environment',
  'ports',
  'expose',
  'volumes',
  'networks',
  'network_mode',
  'depends_on',
  'healthcheck',
  'restart',
  'labels',
  'init',
  'tty',
  'stdin_open',
  'stop_signal',
  'stop_grace_period',
  'ulimits',
  'logging',
  'deploy',
  'cap_add',
  'cap_drop',
  'privileged',
  'devices',
  'security_opt',
  'sysctls',
]

/**
 * A compose file that makes the project's containers again, from their inspect documents: one
 * service per `com.docker.compose.service`, as its first container is (the others are counted
 * as replicas, and any difference between them is a note), with the project's networks and
 * volumes. Values that match the host's secret patterns go to a `.env` and are referred to by
 * `${NAME}`, so the file itself holds none. Pure: the caller inspects, this only reads.
 */
export function generateCompose(
  snapshot: ProjectSnapshot,
  options: GenerateOptions,
): GeneratedCompose {
  const notes: string[] = []
  const services = groupServices(snapshot.containers, notes)
  const objects = new ProjectObjects(snapshot.project, snapshot.networks, snapshot.volumes)
  const context = {
    snapshot,
    objects,
    services: new Set(services.keys()),
    serviceOfContainer: containerLookup(services),
  }
  const drafts = new Map<string, ServiceDraft>()
  for (const [service, containers] of services) {
    const [first, ...others] = containers.map((container) => ({
      container,
      draft: draftService(container, service, context),
    }))
    if (!first) continue
    for (const other of others) {
      const differing = differingKeys(first.draft, other.draft)
      if (differing.length === 0) continue
      notes.push(
        `service ${service}: container ${numberOf(other.container)} differs from container ` +
          `${numberOf(first.container)} in ${differing.join(', ')}; the file follows container ` +
          `${numberOf(first.container)}`,
      )
    }
    notes.push(...namingNotes(service, containers, snapshot.project))
    notes.push(...first.draft.notes.map((note) => `service ${service}: ${note}`))
    drafts.set(service, { ...first.draft, replicas: containers.length })
  }
  const variables = secretVariables(drafts, options.isSecret)
  const document = {
    services: Object.fromEntries(
      [...drafts].map(([service, draft]) => [
        service,
        serviceDocument(draft, variables.referenceOf(service)),
      ]),
    ),
    ...optional('networks', objects.networks()),
    ...optional('volumes', objects.volumes()),
  }
  return {
    document,
    compose: stringifyCompose(document),
    env: envFileText(variables.list),
    variables: variables.list,
    notes,
  }
}

/**
 * The containers of each service in container-number order; one-off containers (`compose
 * run`) are not services and are left out, with a note.
 */
function groupServices(
  containers: readonly ContainerSnapshot[],
  notes: string[],
): Map<string, ContainerSnapshot[]> {
  const services = new Map<string, ContainerSnapshot[]>()
  for (const container of containers) {
    const labels = container.details.config.labels
    if (labels[COMPOSE.oneoff]?.toLowerCase() === 'true') {
      notes.push(`container ${container.details.name} is a one-off run and is left out`)
      continue
    }
    const service = labels[COMPOSE.service] ?? container.details.name
    services.set(service, [...(services.get(service) ?? []), container])
  }
  for (const list of services.values()) list.sort((a, b) => numberOf(a) - numberOf(b))
  return new Map([...services].sort(([a], [b]) => a.localeCompare(b)))
}

function numberOf(container: ContainerSnapshot): number {
  const number = Number(container.details.config.labels[COMPOSE.containerNumber])
  return Number.isSafeInteger(number) ? number : 0
}

/** A container of the project by id (or its start) or name, for `network_mode: container:`. */
function containerLookup(services: ReadonlyMap<string, ContainerSnapshot[]>) {
  const all = [...services].flatMap(([service, list]) =>
    list.map((container) => ({ service, details: container.details })),
  )
  return (target: string) =>
    all.find(
      ({ details }) =>
        details.name === target || (target.length >= 12 && details.id.startsWith(target)),
    )?.service
}

function differingKeys(first: ServiceDraft, other: ServiceDraft): string[] {
  const keys = new Set([...Object.keys(first.keys), ...Object.keys(other.keys)])
  const differing = [...keys].filter((key) => !isDeepStrictEqual(first.keys[key], other.keys[key]))
  if (!isDeepStrictEqual(first.environment, other.environment)) differing.push('environment')
  return differing.sort()
}

function namingNotes(
  service: string,
  containers: readonly ContainerSnapshot[],
  project: string,
): string[] {
  return containers
    .filter((container) => !isConventionalName(container.details.name, project, service))
    .map(
      (container) =>
        `service ${service}: the container name ${container.details.name} is not kept ` +
        `(stacks name containers ${project}-${service}-<n>)`,
    )
}

/** The service's keys in the order people write them; `${NAME}` for values in the `.env`. */
function serviceDocument(
  draft: ServiceDraft,
  referenceOf: (key: string) => string | undefined,
): Record<string, unknown> {
  const environment = Object.fromEntries(
    Object.entries(draft.environment)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => {
        const variable = referenceOf(key)
        return [key, variable === undefined ? literal(value) : `\${${variable}}`]
      }),
  )
  const deploy = {
    ...(draft.replicas > 1 ? { replicas: draft.replicas } : {}),
    ...draft.deploy,
  }
  const keys: Record<string, unknown> = {
    ...draft.keys,
    ...optional('environment', Object.keys(environment).length > 0 ? environment : undefined),
    ...optional('deploy', Object.keys(deploy).length > 0 ? deploy : undefined),
  }
  return Object.fromEntries(
    SERVICE_KEY_ORDER.filter((key) => key in keys).map((key) => [key, keys[key]]),
  )
}

function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value }
}
