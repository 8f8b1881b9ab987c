import {
  type WireObject,
  asArray,
  asNumber,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
  asStringArray,
  asStringMap,
} from '../wire/wire-read.ts'
import type {
  ReadServiceSpec,
  ServiceFileRef,
  ServiceMountSettings,
  ServiceResourceSettings,
  ServiceRolloutSettings,
  ServiceSettings,
} from './service-settings.ts'

/**
 * The fields of each level that the settings model, or that change nothing a policy judges
 * (the engine and the CLI fill several of them in: `Isolation: default`, `Runtime: container`,
 * `Placement.Platforms` from the image). Any other field that is set is `unmodelled`.
 */
const KNOWN = {
  spec: [
    'Name',
    'Labels',
    'TaskTemplate',
    'Mode',
    'UpdateConfig',
    'RollbackConfig',
    'EndpointSpec',
  ],
  // `Networks` at the top level is the deprecated spelling of TaskTemplate.Networks.
  task: [
    'ContainerSpec',
    'Resources',
    'RestartPolicy',
    'Placement',
    'Networks',
    'LogDriver',
    'ForceUpdate',
  ],
  container: [
    'Image',
    'Labels',
    'Command',
    'Args',
    'Hostname',
    'Env',
    'Dir',
    'User',
    'Mounts',
    'HealthCheck',
    'Secrets',
    'Configs',
    'CapabilityAdd',
    'CapabilityDrop',
    'Sysctls',
    'Init',
    'ReadOnly',
    'StopGracePeriod',
    'StopSignal',
    'TTY',
    'OpenStdin',
    'DNSConfig',
    'Hosts',
    'Ulimits',
    'Privileges',
  ],
  placement: ['Constraints', 'Preferences', 'MaxReplicas', 'Platforms'],
  resources: ['Limits', 'Reservations'],
  limits: ['NanoCPUs', 'MemoryBytes', 'Pids'],
  mount: ['Type', 'Source', 'Target', 'ReadOnly', 'BindOptions', 'VolumeOptions', 'TmpfsOptions'],
  bind: ['NonRecursive'],
  // A volume's DriverConfig can be a host path in disguise (`o=bind`, `device=`): unmodelled.
  volume: ['NoCopy'],
  tmpfs: ['SizeBytes', 'Mode'],
} as const

/** Reads an engine `ServiceSpec` into settings, naming what they cannot say. */
export function readServiceSpec(wire: unknown): ReadServiceSpec {
  const spec = asObject(wire)
  const task = asObject(spec.TaskTemplate)
  const container = asObject(task.ContainerSpec)
  const unmodelled = [
    ...unknownFields('', spec, KNOWN.spec),
    ...unknownFields('TaskTemplate.', task, KNOWN.task),
    ...unknownFields('TaskTemplate.ContainerSpec.', container, KNOWN.container),
    ...unknownFields('TaskTemplate.Placement.', asObject(task.Placement), KNOWN.placement),
    ...unknownFields('TaskTemplate.Resources.', asObject(task.Resources), KNOWN.resources),
    ...unknownFields('TaskTemplate.Resources.Limits.', limitsOf(task, 'Limits'), KNOWN.limits),
    ...unknownFields(
      'TaskTemplate.Resources.Reservations.',
      limitsOf(task, 'Reservations'),
      KNOWN.limits,
    ),
    ...privileges(container),
    // Job modes have no settings here: rewriting one from settings would make it replicated.
    ...['ReplicatedJob', 'GlobalJob']
      .filter((m) => m in asObject(spec.Mode))
      .map((m) => `Mode.${m}`),
    ...asArray(container.Mounts).flatMap((m, i) => mountUnknowns(asObject(m), i)),
    ...(task.Runtime !== undefined && task.Runtime !== 'container' && task.Runtime !== ''
      ? ['TaskTemplate.Runtime']
      : []),
    ...(container.Isolation !== undefined &&
    container.Isolation !== 'default' &&
    container.Isolation !== ''
      ? ['TaskTemplate.ContainerSpec.Isolation']
      : []),
  ]
  return { settings: settingsOf(spec, task, container), unmodelled }
}

function settingsOf(spec: WireObject, task: WireObject, container: WireObject): ServiceSettings {
  const placement = asObject(task.Placement)
  const resources = asObject(task.Resources)
  const restart = asObject(task.RestartPolicy)
  const endpoint = asObject(spec.EndpointSpec)
  const modes = asObject(spec.Mode)
  const health = asObject(container.HealthCheck)
  const log = asObject(task.LogDriver)
  const networks = asArray(task.Networks ?? spec.Networks).map(asObject)
  return prune({
    name: asString(spec.Name),
    image: asString(container.Image),
    command: optionalList(container.Command),
    args: optionalList(container.Args),
    env: optionalList(container.Env),
    labels: optionalMap(spec.Labels),
    containerLabels: optionalMap(container.Labels),
    hostname: nonEmpty(container.Hostname),
    user: nonEmpty(container.User),
    workdir: nonEmpty(container.Dir),
    mounts: optional(asArray(container.Mounts).map(toMount)),
    networks: optional(
      networks.map((n) => prune({ name: asString(n.Target), aliases: optionalList(n.Aliases) })),
    ),
    ports: optional(
      asArray(endpoint.Ports).map((wire) => {
        const p = asObject(wire)
        return prune({
          targetPort: asNumber(p.TargetPort),
          publishedPort: positive(p.PublishedPort),
          protocol: p.Protocol === 'udp' || p.Protocol === 'sctp' ? p.Protocol : 'tcp',
          mode: p.PublishMode === 'host' ? 'host' : 'ingress',
        } as const)
      }),
    ),
    endpointMode: endpoint.Mode === 'dnsrr' ? 'dnsrr' : endpoint.Mode === 'vip' ? 'vip' : undefined,
    mode:
      'Global' in modes
        ? { global: true }
        : { replicated: asNumber(asObject(modes.Replicated).Replicas, 1) },
    placement: toPlacement(placement),
    resources: emptyToUndefined(
      prune({
        limits: toResources(asObject(resources.Limits)),
        reservations: toResources(asObject(resources.Reservations)),
      }),
    ),
    restartPolicy: emptyToUndefined(
      prune({
        condition:
          restart.Condition === 'none' ||
          restart.Condition === 'on-failure' ||
          restart.Condition === 'any'
            ? restart.Condition
            : undefined,
        delayNs: asOptionalNumber(restart.Delay),
        maxAttempts: asOptionalNumber(restart.MaxAttempts),
        windowNs: asOptionalNumber(restart.Window),
      } as const),
    ),
    updateConfig: toRollout(spec.UpdateConfig),
    rollbackConfig: toRollout(spec.RollbackConfig),
    secrets: optional(asArray(container.Secrets).map((r) => toFileRef(r, 'SecretName'))),
    configs: optional(asArray(container.Configs).map((r) => toFileRef(r, 'ConfigName'))),
    healthcheck: toHealthcheck(health),
    capAdd: optionalList(container.CapabilityAdd),
    capDrop: optionalList(container.CapabilityDrop),
    sysctls: optionalMap(container.Sysctls),
    logDriver:
      asOptionalString(log.Name) === undefined
        ? undefined
        : prune({ name: asString(log.Name), options: optionalMap(log.Options) }),
    init: typeof container.Init === 'boolean' ? container.Init : undefined,
    readOnly: container.ReadOnly === true ? true : undefined,
    stopGracePeriodNs: asOptionalNumber(container.StopGracePeriod),
  })
}

function toMount(wire: unknown): ServiceMountSettings {
  const m = asObject(wire)
  const tmpfs = asObject(m.TmpfsOptions)
  const type = m.Type === 'bind' || m.Type === 'tmpfs' ? m.Type : 'volume'
  return prune({
    // A type we do not model (npipe, cluster, image) is judged as a host path: the strictest.
    type: m.Type === 'volume' || m.Type === 'tmpfs' ? type : 'bind',
    source: nonEmpty(m.Source),
    target: asString(m.Target),
    readOnly: m.ReadOnly === true ? true : undefined,
    nonRecursive: asObject(m.BindOptions).NonRecursive === true ? true : undefined,
    noCopy: asObject(m.VolumeOptions).NoCopy === true ? true : undefined,
    tmpfsSizeBytes: positive(tmpfs.SizeBytes),
    tmpfsMode: positive(tmpfs.Mode),
  })
}

function toFileRef(wire: unknown, nameKey: 'SecretName' | 'ConfigName'): ServiceFileRef {
  const ref = asObject(wire)
  const file = asObject(ref.File)
  return prune({
    name: asString(ref[nameKey]),
    target: nonEmpty(file.Name),
    uid: nonEmpty(file.UID),
    gid: nonEmpty(file.GID),
    mode: asOptionalNumber(file.Mode),
  })
}

function toResources(r: WireObject): ServiceResourceSettings | undefined {
  return emptyToUndefined(
    prune({
      nanoCpus: positive(r.NanoCPUs),
      memoryBytes: positive(r.MemoryBytes),
      pids: positive(r.Pids),
    }),
  )
}

function toRollout(wire: unknown): ServiceRolloutSettings | undefined {
  if (wire === undefined || wire === null) return undefined
  const r = asObject(wire)
  const action = r.FailureAction
  return prune({
    parallelism: asOptionalNumber(r.Parallelism),
    delayNs: asOptionalNumber(r.Delay),
    failureAction:
      action === 'pause' || action === 'continue' || action === 'rollback' ? action : undefined,
    monitorNs: asOptionalNumber(r.Monitor),
    maxFailureRatio: asOptionalNumber(r.MaxFailureRatio),
    order:
      r.Order === 'start-first'
        ? 'start-first'
        : r.Order === 'stop-first'
          ? 'stop-first'
          : undefined,
  } as const)
}

/** A mount's fields the settings cannot say, e.g. `…Mounts[0].VolumeOptions.DriverConfig`. */
function mountUnknowns(mount: WireObject, index: number): string[] {
  const at = `TaskTemplate.ContainerSpec.Mounts[${String(index)}].`
  return [
    ...unknownFields(at, mount, KNOWN.mount),
    ...unknownFields(`${at}BindOptions.`, asObject(mount.BindOptions), KNOWN.bind),
    ...unknownFields(`${at}VolumeOptions.`, asObject(mount.VolumeOptions), KNOWN.volume),
    ...unknownFields(`${at}TmpfsOptions.`, asObject(mount.TmpfsOptions), KNOWN.tmpfs),
  ]
}

function limitsOf(task: WireObject, key: 'Limits' | 'Reservations'): WireObject {
  return asObject(asObject(task.Resources)[key])
}

/** `Privileges` may hold harmless empty members; anything set in it loosens confinement. */
function privileges(container: WireObject): string[] {
  const set = Object.entries(asObject(container.Privileges)).filter(([, v]) => isSet(v))
  return set.map(([key]) => `TaskTemplate.ContainerSpec.Privileges.${key}`)
}

function unknownFields(prefix: string, object: WireObject, known: readonly string[]): string[] {
  return Object.entries(object)
    .filter(
      ([key, value]) =>
        !known.includes(key) && key !== 'Runtime' && key !== 'Isolation' && isSet(value),
    )
    .map(([key]) => prefix + key)
}

/** Whether a wire value says anything: not null, empty, zero or false, at any depth. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false)
    return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.values(value).some(isSet)
  return true
}

function optionalList(value: unknown): string[] | undefined {
  return optional(asStringArray(value))
}

function optionalMap(value: unknown): Record<string, string> | undefined {
  const map = asStringMap(value)
  return Object.keys(map).length > 0 ? map : undefined
}

function optional<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function emptyToUndefined<T extends object>(object: T | undefined): T | undefined {
  return object !== undefined && Object.keys(object).length > 0 ? object : undefined
}

/** The object without undefined members, so a read spec compares equal to the settings sent. */
function prune<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T
}

/** A number the engine fills in as 0 when unset: absent unless positive. */
function positive(value: unknown): number | undefined {
  const n = asOptionalNumber(value)
  return n !== undefined && n > 0 ? n : undefined
}

function toPlacement(placement: WireObject): ServiceSettings['placement'] {
  return emptyToUndefined(
    prune({
      constraints: optionalList(placement.Constraints),
      spread: optional(
        asArray(placement.Preferences).map((p) =>
          asString(asObject(asObject(p).Spread).SpreadDescriptor),
        ),
      ),
      maxReplicas: positive(placement.MaxReplicas),
    }),
  )
}

function toHealthcheck(health: WireObject): ServiceSettings['healthcheck'] {
  return emptyToUndefined(
    prune({
      test: optionalList(health.Test),
      intervalNs: positive(health.Interval),
      timeoutNs: positive(health.Timeout),
      startPeriodNs: positive(health.StartPeriod),
      retries: positive(health.Retries),
    }),
  )
}
