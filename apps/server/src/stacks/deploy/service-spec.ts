import { posix } from 'node:path'
import type {
  ComposeMount,
  ComposePath,
  ComposeProject,
  ComposeService,
} from '@harbormaster/compose'
import type { ContainerCreateInput } from '@harbormaster/contract'
import { serviceImage } from '../build/image-source.ts'

type Mounts = NonNullable<ContainerCreateInput['mounts']>
type Ports = NonNullable<ContainerCreateInput['ports']>

/** A problem a service's settings have that the engine cannot be asked for, at its key. */
export interface SpecProblem {
  path: ComposePath
  message: string
}

/**
 * A service as the container create request every one of its containers is made from (name and
 * per-container labels aside), and where each setting came from in the normalised project:
 * `origins` maps `setting`, `setting[index]` or `setting.key` to the compose path that supplied
 * it, so a policy refusal of the request names the compose key and its line.
 */
export interface ServiceSpec {
  service: string
  spec: ContainerCreateInput
  origins: Map<string, ComposePath>
  /** Secrets and configs: files of the stack, copied into each container before it starts. */
  files: FileCopy[]
  problems: SpecProblem[]
}

/** A secret or config of `file` type: which file of the stack goes where, owned and moded how. */
export interface FileCopy {
  /** The file's path in the stack's directory, as the compose file names it. */
  source: string
  /** Absolute path in the container. */
  target: string
  uid: number
  gid: number
  /** Permission bits; 0444 unless the grant says. */
  mode: number
  path: ComposePath
}

/** Where the stack's directory is, and whether the engine's host sees it at that path. */
export interface StackPlace {
  /** The stack's directory on this server: relative paths of the file are read against it. */
  dir: string
  /**
   * Whether the engine's host has this server's files at the same paths (a local socket, the
   * server not in a container): only then can a relative bind source name the stack's folder.
   */
  visibleToEngine: boolean
}

/** What a remote engine is told instead of a bind of the stack's folder. */
export const RELATIVE_BIND_REFUSAL =
  "is a folder of the stack on the Harbormaster server, which this host's engine cannot see: " +
  'use a named volume or an absolute path the admin allowed'

/** `setting`, `setting[index]` or `setting.key`: how a refusal's place is looked up. */
export function originKey(setting: string, where: { index?: number; key?: string } = {}): string {
  if (where.index !== undefined) return `${setting}[${where.index}]`
  if (where.key !== undefined) return `${setting}.${where.key}`
  return setting
}

/**
 * The create request for a service of `project`, as the compose CLI would make it (docker/compose
 * `pkg/compose/create.go`): relative bind sources are read against the stack's directory (only
 * where the engine sees it: RELATIVE_BIND_REFUSAL elsewhere), the first network is the network
 * mode and carries the service name as an alias, cpu reservations are left out as compose leaves
 * them out (a swarm setting). What the engine here cannot be asked (a build, a volume subpath)
 * is a problem at its key.
 */
export function serviceSpec(
  project: ComposeProject,
  service: ComposeService,
  place: StackPlace,
): ServiceSpec {
  const at = (...path: (string | number)[]): ComposePath => ['services', service.name, ...path]
  const origins = new Map<string, ComposePath>()
  const problems: SpecProblem[] = []
  const note = (setting: string, path: ComposePath, where?: { index?: number; key?: string }) =>
    origins.set(originKey(setting, where), path)
  const spec: ContainerCreateInput = { image: serviceImage(project.name, service) }
  note('image', at(service.image === undefined ? 'build' : 'image'))
  if (service.command) spec.cmd = service.command
  if (service.entrypoint) spec.entrypoint = service.entrypoint
  const env = Object.entries(service.environment)
  if (env.length > 0) spec.env = env.map(([key, value]) => `${key}=${value}`)
  setScalars(spec, service)
  spec.labels = { ...service.labels }
  for (const key of Object.keys(service.labels)) note('labels', at('labels', key), { key })
  const ports = portsOf(service, at, problems, note)
  if (ports.length > 0) spec.ports = ports
  Object.assign(spec, mountsOf(project, service, place, at, problems, note))
  Object.assign(spec, networkingOf(project, service, at, problems, note))
  setResources(spec, service)
  setIsolation(spec, service, at, note)
  return {
    service: service.name,
    spec,
    origins,
    files: filesOf(project, service, at, problems),
    problems,
  }
}

function setScalars(spec: ContainerCreateInput, service: ComposeService): void {
  if (service.workingDir !== undefined) spec.workingDir = service.workingDir
  if (service.user !== undefined) spec.user = service.user
  if (service.hostname !== undefined) spec.hostname = service.hostname
  if (service.init !== undefined) spec.init = service.init
  if (service.tty) spec.tty = true
  if (service.stdinOpen) spec.openStdin = true
  if (service.stopSignal !== undefined) spec.stopSignal = service.stopSignal
  if (service.stopGracePeriod !== undefined)
    spec.stopTimeout = Math.ceil(service.stopGracePeriod / 1e9)
  if (service.restart) spec.restartPolicy = { ...service.restart }
  const check = service.healthcheck
  if (check) {
    const test = check.disable ? ['NONE'] : check.test
    spec.healthcheck = {
      ...(test ? { test } : {}),
      ...(check.interval === undefined ? {} : { intervalNs: check.interval }),
      ...(check.timeout === undefined ? {} : { timeoutNs: check.timeout }),
      ...(check.startPeriod === undefined ? {} : { startPeriodNs: check.startPeriod }),
      ...(check.startInterval === undefined ? {} : { startIntervalNs: check.startInterval }),
      ...(check.retries === undefined ? {} : { retries: check.retries }),
    }
  }
  const ulimits = Object.entries(service.ulimits)
  if (ulimits.length > 0)
    spec.ulimits = ulimits.map(([name, { soft, hard }]) => ({ name, soft, hard }))
  if (service.logging?.driver !== undefined) {
    spec.logging = { driver: service.logging.driver, options: service.logging.options }
  }
}

function setResources(spec: ContainerCreateInput, service: ComposeService): void {
  const { limits, reservations } = service.resources
  if (limits.memory !== undefined) spec.memoryBytes = limits.memory
  if (limits.cpus !== undefined) spec.nanoCpus = Math.round(limits.cpus * 1e9)
  if (limits.pids !== undefined) spec.pidsLimit = limits.pids
  if (reservations.memory !== undefined) spec.memoryReservationBytes = reservations.memory
}

type Note = (setting: string, path: ComposePath, where?: { index?: number; key?: string }) => void
type At = (...path: (string | number)[]) => ComposePath

function setIsolation(spec: ContainerCreateInput, service: ComposeService, at: At, note: Note) {
  if (service.privileged) spec.privileged = true
  note('privileged', at('privileged'))
  const lists = [
    ['capAdd', service.capAdd],
    ['capDrop', service.capDrop],
    ['securityOpt', service.securityOpt],
  ] as const
  for (const [setting, values] of lists) {
    if (values.length === 0) continue
    spec[setting] = [...values]
    values.forEach((_, index) => {
      note(setting, at(setting, index), { index })
    })
  }
  if (service.devices.length > 0) {
    spec.devices = service.devices.map((device, index) => {
      note('devices', at('devices', index), { index })
      return {
        pathOnHost: device.source,
        pathInContainer: device.target,
        cgroupPermissions: device.permissions,
      }
    })
  }
  const sysctls = Object.keys(service.sysctls)
  if (sysctls.length > 0) spec.sysctls = { ...service.sysctls }
  for (const key of sysctls) note('sysctls', at('sysctls', key), { key })
  note('logging', at('logging', 'driver'))
}

function portsOf(service: ComposeService, at: At, problems: SpecProblem[], note: Note): Ports {
  const ports: Ports = []
  service.ports.forEach((port, index) => {
    const published = port.published
    if (published && published.start !== published.end) {
      problems.push({
        path: at('ports', index),
        message: 'a range of host ports for one container port is not supported: name one port',
      })
      return
    }
    note('ports', at('ports', index), { index: ports.length })
    ports.push({
      containerPort: port.target,
      protocol: port.protocol,
      // Unpublished in the file: the engine picks a free host port, as for `docker compose`.
      hostPort: published?.start ?? 0,
      ...(port.hostIp === undefined ? {} : { hostIp: port.hostIp }),
    })
  })
  for (const expose of service.expose) {
    for (let containerPort = expose.start; containerPort <= expose.end; containerPort++) {
      if (ports.some((p) => p.containerPort === containerPort && p.protocol === expose.protocol))
        continue
      ports.push({ containerPort, protocol: expose.protocol })
    }
  }
  return ports
}

function mountsOf(
  project: ComposeProject,
  service: ComposeService,
  place: StackPlace,
  at: At,
  problems: SpecProblem[],
  note: Note,
): Pick<ContainerCreateInput, 'binds' | 'mounts'> {
  const stackDir = place.dir
  const binds: string[] = []
  const mounts: Mounts = []
  service.volumes.forEach((mount, index) => {
    const path = at('volumes', index)
    if (mount.type === 'bind' && !place.visibleToEngine && !mount.source.startsWith('/')) {
      problems.push({ path, message: `bind source ${mount.source} ${RELATIVE_BIND_REFUSAL}` })
      return
    }
    const bind =
      mount.type === 'bind' && mount.bind.createHostPath ? bindOf(mount, stackDir) : undefined
    if (bind !== undefined) {
      note('binds', path, { index: binds.length })
      binds.push(bind)
      return
    }
    const spec = mountOf(project, mount, stackDir)
    if (typeof spec === 'string') {
      problems.push({ path, message: spec })
      return
    }
    note('mounts', path, { index: mounts.length })
    mounts.push(spec)
  })
  return { ...(binds.length > 0 ? { binds } : {}), ...(mounts.length > 0 ? { mounts } : {}) }
}

/** A bind whose missing source the engine creates (compose's short syntax): a `binds` entry. */
function bindOf(mount: ComposeMount & { type: 'bind' }, stackDir: string): string {
  const options = [
    ...(mount.readOnly ? ['ro'] : []),
    ...(mount.bind.propagation ? [mount.bind.propagation] : []),
    ...(mount.bind.selinux ? [mount.bind.selinux] : []),
  ]
  const source = hostPath(mount.source, stackDir)
  return [source, mount.target, ...(options.length > 0 ? [options.join(',')] : [])].join(':')
}

function mountOf(
  project: ComposeProject,
  mount: ComposeMount,
  stackDir: string,
): Mounts[number] | string {
  if (mount.type === 'tmpfs') {
    return {
      type: 'tmpfs',
      target: mount.target,
      ...(mount.readOnly ? { readOnly: true } : {}),
      ...(mount.tmpfs.size === undefined ? {} : { tmpfsSizeBytes: mount.tmpfs.size }),
      ...(mount.tmpfs.mode === undefined ? {} : { tmpfsMode: mount.tmpfs.mode }),
    }
  }
  if (mount.type === 'bind') {
    if (mount.bind.propagation || mount.bind.selinux)
      return 'bind propagation and SELinux labels need the short syntax or create_host_path'
    return {
      type: 'bind',
      source: hostPath(mount.source, stackDir),
      target: mount.target,
      readOnly: mount.readOnly,
    }
  }
  if (mount.volume.subpath !== undefined)
    return 'volume.subpath is not supported (it needs API 1.45)'
  const source = mount.source === undefined ? undefined : project.volumes[mount.source]?.name
  return {
    type: 'volume',
    ...(source === undefined ? {} : { source }),
    target: mount.target,
    ...(mount.readOnly ? { readOnly: true } : {}),
    ...(mount.volume.nocopy ? { noCopy: true } : {}),
  }
}

/** A bind source as the engine's host sees it: a relative one is in the stack's directory. */
function hostPath(source: string, stackDir: string): string {
  if (source.startsWith('/')) return source
  const home = source === '~' || source.startsWith('~/')
  return home ? source : posix.join(stackDir, source)
}

function networkingOf(
  project: ComposeProject,
  service: ComposeService,
  at: At,
  problems: SpecProblem[],
  note: Note,
): Pick<ContainerCreateInput, 'networkMode' | 'networks'> {
  if (service.networkMode !== undefined) {
    note('networkMode', at('networkMode'))
    if (service.networkMode.startsWith('service:')) {
      problems.push({
        path: at('networkMode'),
        message: 'network_mode "service:…" is not supported: join a network of the stack instead',
      })
    }
    return { networkMode: service.networkMode }
  }
  // Compose's order: by priority, then by name (`NetworksByPriority`); priority is not supported.
  const keys = Object.keys(service.networks).sort((a, b) => a.localeCompare(b))
  if (keys.length === 0) return {}
  const networks = keys.map((key, index) => {
    const endpoint = service.networks[key] ?? { aliases: [] }
    note('networks', at('networks', key), { index })
    return {
      name: project.networks[key]?.name ?? key,
      aliases: [...new Set([service.name, ...endpoint.aliases])],
      ...(endpoint.ipv4Address === undefined ? {} : { ipv4Address: endpoint.ipv4Address }),
    }
  })
  if (networks.length > 16) problems.push({ path: at('networks'), message: 'at most 16 networks' })
  return { networks }
}

/** Secrets and configs: files of the stack, copied to their targets (root's and 0444 by default). */
function filesOf(
  project: ComposeProject,
  service: ComposeService,
  at: At,
  problems: SpecProblem[],
): FileCopy[] {
  const grants = [
    ...service.secrets.map((grant, index) => ({
      grant,
      path: at('secrets', index),
      from: project.secrets,
    })),
    ...service.configs.map((grant, index) => ({
      grant,
      path: at('configs', index),
      from: project.configs,
    })),
  ]
  return grants.flatMap(({ grant, path, from }) => {
    const file = from[grant.source]?.file
    if (file === undefined) return []
    const uid = idOf(grant.uid)
    const gid = idOf(grant.gid)
    const mode = grant.mode ?? DEFAULT_FILE_MODE
    const wrong = [...(uid === undefined ? ['uid'] : []), ...(gid === undefined ? ['gid'] : [])]
    if (wrong.length > 0) {
      problems.push({ path, message: `${wrong.join(' and ')}: expected a number (a user id)` })
      return []
    }
    if (mode > 0o777) {
      problems.push({ path, message: 'mode: only permission bits (0 to 0777) are supported' })
      return []
    }
    return [{ source: file, target: grant.target, uid: uid ?? 0, gid: gid ?? 0, mode, path }]
  })
}

/** Secrets and configs are read-only to everyone unless the grant says otherwise (compose's 0444). */
const DEFAULT_FILE_MODE = 0o444

/** A numeric user or group id; absent means root. */
function idOf(value: string | undefined): number | undefined {
  if (value === undefined) return 0
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined
}
