import { isDeepStrictEqual } from 'node:util'
import type { HealthcheckSettings } from '@harbormaster/engine'
import { COMPOSE } from '../../compose-labels.ts'
import type { ContainerSnapshot, ImageSnapshot } from './project-snapshot.ts'
import { ownLabels } from './project-objects.ts'
import type { ServicePart } from './service-process.ts'
import { duration, literal, literalMap, literals, size } from './compose-values.ts'

/**
 * `depends_on` from compose's label (`svc:condition:restart`, comma-joined; older labels have
 * only `svc` or `svc:condition`): a list when every dependency is the plain kind, else the long
 * syntax. Dependencies on services the project no longer has are left out, and said so.
 */
export function dependencyKeys(container: ContainerSnapshot, services: ReadonlySet<string>) {
  const label = container.details.config.labels[COMPOSE.dependsOn] ?? ''
  const entries = label
    .split(',')
    .map((entry) => entry.trim().split(':'))
    .filter(([service]) => service !== undefined && service !== '')
  const notes: string[] = []
  const dependencies: [string, { condition: string; restart?: true }][] = []
  for (const [service = '', condition = 'service_started', restart] of entries) {
    if (!services.has(service)) {
      notes.push(`its dependency on ${service}, which has no container, is left out`)
      continue
    }
    dependencies.push([service, { condition, ...(restart === 'true' ? { restart: true } : {}) }])
  }
  dependencies.sort(([a], [b]) => a.localeCompare(b))
  if (dependencies.length === 0) return { keys: {}, notes }
  const plain = dependencies.every(
    ([, dependency]) => dependency.condition === 'service_started' && !dependency.restart,
  )
  const dependsOn = plain
    ? dependencies.map(([service]) => service)
    : Object.fromEntries(dependencies)
  return { keys: { depends_on: dependsOn }, notes }
}

/** The container's healthcheck where it differs from its image's (which it would get anyway). */
export function healthcheckKeys(
  container: ContainerSnapshot,
  image: ImageSnapshot | undefined,
): Record<string, unknown> {
  const check = container.settings.healthcheck
  if (!check || isDeepStrictEqual(check, image?.healthcheck)) return {}
  if (check.test[0] === 'NONE') return { healthcheck: { disable: true } }
  return { healthcheck: healthcheckEntry(check) }
}

function healthcheckEntry(check: HealthcheckSettings): Record<string, unknown> {
  const durations = [
    ['interval', check.interval],
    ['timeout', check.timeout],
    ['start_period', check.startPeriod],
    ['start_interval', check.startInterval],
  ] as const
  return {
    ...(check.test.length > 0 ? { test: literals(check.test) } : {}),
    ...Object.fromEntries(
      durations.filter(([, ns]) => ns > 0).map(([key, ns]) => [key, duration(ns)]),
    ),
    ...(check.retries > 0 ? { retries: check.retries } : {}),
  }
}

/**
 * Restart policy, labels (less compose's and the image's own), init, terminal, stop signal and
 * grace period, ulimits and logging (only a driver other than the daemon's default, or options).
 */
export function lifecycleKeys(
  container: ContainerSnapshot,
  image: ImageSnapshot | undefined,
  defaultLogDriver: string,
): Record<string, unknown> {
  const { details, settings } = container
  const restart = details.hostConfig.restartPolicy
  const imageLabels = image?.config.labels ?? {}
  const labels = Object.fromEntries(
    Object.entries(ownLabels(details.config.labels)).filter(
      ([key, value]) => imageLabels[key] !== value,
    ),
  )
  const stopSignal = details.config.stopSignal
  const log = settings.logConfig
  const customLog =
    (log.type !== '' && log.type !== defaultLogDriver) || Object.keys(log.config).length > 0
  return {
    ...(restart.name === 'no' ? {} : { restart: restartText(restart) }),
    ...(Object.keys(labels).length > 0 ? { labels: literalMap(labels) } : {}),
    ...(settings.init === undefined ? {} : { init: settings.init }),
    ...(details.config.tty ? { tty: true } : {}),
    ...(details.config.openStdin ? { stdin_open: true } : {}),
    ...(stopSignal && stopSignal !== image?.config.stopSignal
      ? { stop_signal: literal(stopSignal) }
      : {}),
    ...(settings.stopTimeout === undefined
      ? {}
      : { stop_grace_period: duration(settings.stopTimeout * 1e9) }),
    ...ulimitKeys(container),
    ...(customLog
      ? { logging: { driver: literal(log.type), ...optionsOf(literalMap(log.config)) } }
      : {}),
  }
}

function restartText(policy: ContainerSnapshot['details']['hostConfig']['restartPolicy']) {
  return policy.name === 'on-failure' && policy.maximumRetryCount !== undefined
    ? `on-failure:${policy.maximumRetryCount}`
    : policy.name
}

function ulimitKeys(container: ContainerSnapshot): Record<string, unknown> {
  const limits = [...container.settings.ulimits].sort((a, b) => a.name.localeCompare(b.name))
  if (limits.length === 0) return {}
  return {
    ulimits: Object.fromEntries(
      limits.map((limit) => [
        limit.name,
        limit.soft === limit.hard ? limit.soft : { soft: limit.soft, hard: limit.hard },
      ]),
    ),
  }
}

const optionsOf = (options: Record<string, string>) =>
  Object.keys(options).length > 0 ? { options } : {}

/** `deploy.resources`: CPUs, memory and pids limits, and a memory reservation. */
export function resourceKeys(container: ContainerSnapshot): Record<string, unknown> {
  const { hostConfig } = container.details
  const { settings } = container
  const limits = {
    ...(hostConfig.nanoCpus > 0 ? { cpus: hostConfig.nanoCpus / 1e9 } : {}),
    ...(hostConfig.memoryBytes > 0 ? { memory: size(hostConfig.memoryBytes) } : {}),
    ...(settings.pidsLimit === undefined ? {} : { pids: settings.pidsLimit }),
  }
  const reservations =
    settings.memoryReservation > 0 ? { memory: size(settings.memoryReservation) } : undefined
  if (Object.keys(limits).length === 0 && !reservations) return {}
  return {
    resources: {
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
      ...(reservations ? { reservations } : {}),
    },
  }
}

/** Capabilities, privileged mode, devices, security options and sysctls. */
export function privilegeKeys(container: ContainerSnapshot): ServicePart {
  const { hostConfig } = container.details
  const capDrop = container.settings.capDrop
  const devices = hostConfig.devices.map((device) => {
    const permissions = device.cgroupPermissions === 'rwm' ? '' : `:${device.cgroupPermissions}`
    return literal(`${device.pathOnHost}:${device.pathInContainer}${permissions}`)
  })
  return {
    keys: {
      ...(hostConfig.capAdd.length > 0 ? { cap_add: literals(hostConfig.capAdd) } : {}),
      ...(capDrop.length > 0 ? { cap_drop: literals(capDrop) } : {}),
      ...(hostConfig.privileged ? { privileged: true } : {}),
      ...(devices.length > 0 ? { devices } : {}),
      ...(hostConfig.securityOpt.length > 0
        ? { security_opt: literals(hostConfig.securityOpt) }
        : {}),
      ...(Object.keys(hostConfig.sysctls).length > 0
        ? { sysctls: literalMap(hostConfig.sysctls) }
        : {}),
    },
    notes: [],
  }
}
