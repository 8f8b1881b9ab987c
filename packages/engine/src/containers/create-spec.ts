import type { RestartPolicy } from './types.ts'

export interface PublishedPort {
  containerPort: number
  protocol?: 'tcp' | 'udp' | 'sctp' | undefined
  /** Omit to expose only; 0 lets the engine choose a free port. */
  hostPort?: number | undefined
  hostIp?: string | undefined
}

export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe'
  source?: string | undefined
  target: string
  readOnly?: boolean | undefined
  /**
   * A bind of the source's own file system only, without the mounts below it (API 1.40+).
   * Before Docker 25 on kernels before 5.12, `readOnly` leaves those mounts writable.
   */
  nonRecursive?: boolean | undefined
  /** Bind propagation: `rprivate` (the engine's default), `shared`, `rslave`… */
  propagation?: string | undefined
  /** Volumes: leave a new volume empty instead of copying the image's files at the target. */
  noCopy?: boolean | undefined
  /** tmpfs: size limit in bytes and the mode of its root. */
  tmpfsSizeBytes?: number | undefined
  tmpfsMode?: number | undefined
}

/** The container's health test (`Config.Healthcheck`); durations in nanoseconds. */
export interface HealthcheckSpec {
  test?: string[] | undefined
  intervalNs?: number | undefined
  timeoutNs?: number | undefined
  startPeriodNs?: number | undefined
  startIntervalNs?: number | undefined
  retries?: number | undefined
}

export interface UlimitSpec {
  name: string
  soft: number
  hard: number
}

/** The endpoint of the network given as the network mode (`NetworkingConfig`). */
export interface EndpointSpec {
  aliases?: string[] | undefined
  ipv4Address?: string | undefined
}

export interface DeviceMapping {
  pathOnHost: string
  pathInContainer: string
  cgroupPermissions?: string | undefined
}

/**
 * What a caller may ask for when creating a container. Every field maps to exactly one engine
 * field; deciding who may use which (privileged, host paths, namespaces…) is the server's job.
 */
export interface ContainerCreateSpec {
  image: string
  name?: string | undefined
  cmd?: string[] | undefined
  entrypoint?: string[] | undefined
  env?: string[] | undefined
  workingDir?: string | undefined
  user?: string | undefined
  hostname?: string | undefined
  labels?: Record<string, string> | undefined
  tty?: boolean | undefined
  openStdin?: boolean | undefined
  stdinOnce?: boolean | undefined
  stopSignal?: string | undefined
  stopTimeout?: number | undefined
  healthcheck?: HealthcheckSpec | undefined
  ulimits?: UlimitSpec[] | undefined
  logging?: { driver: string; options?: Record<string, string> | undefined } | undefined
  memoryReservationBytes?: number | undefined
  /** Endpoint settings on the `networkMode` network (aliases, a fixed address). */
  endpoint?: EndpointSpec | undefined
  ports?: PublishedPort[] | undefined
  /** Anonymous volumes: container paths. */
  volumes?: string[] | undefined
  binds?: string[] | undefined
  mounts?: MountSpec[] | undefined
  volumesFrom?: string[] | undefined
  restartPolicy?: RestartPolicy | undefined
  memoryBytes?: number | undefined
  nanoCpus?: number | undefined
  cpuShares?: number | undefined
  pidsLimit?: number | undefined
  autoRemove?: boolean | undefined
  init?: boolean | undefined
  readonlyRootfs?: boolean | undefined
  networkMode?: string | undefined
  privileged?: boolean | undefined
  pidMode?: string | undefined
  ipcMode?: string | undefined
  utsMode?: string | undefined
  usernsMode?: string | undefined
  cgroupnsMode?: string | undefined
  capAdd?: string[] | undefined
  capDrop?: string[] | undefined
  securityOpt?: string[] | undefined
  devices?: DeviceMapping[] | undefined
  sysctls?: Record<string, string> | undefined
  runtime?: string | undefined
  cgroupParent?: string | undefined
  volumeDriver?: string | undefined
  extraHosts?: string[] | undefined
  dns?: string[] | undefined
}

/** Builds the `POST /containers/create` body from a spec, leaving out what was not asked for. */
export function toCreateBody(spec: ContainerCreateSpec): Record<string, unknown> {
  const exposed: Record<string, object> = {}
  const bindings: Record<string, { HostIp?: string; HostPort: string }[]> = {}
  for (const port of spec.ports ?? []) {
    const key = `${port.containerPort}/${port.protocol ?? 'tcp'}`
    exposed[key] = {}
    if (port.hostPort === undefined) continue
    const binding = {
      HostPort: String(port.hostPort),
      ...(port.hostIp ? { HostIp: port.hostIp } : {}),
    }
    ;(bindings[key] ??= []).push(binding)
  }
  return compact({
    Image: spec.image,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Env: spec.env,
    WorkingDir: spec.workingDir,
    User: spec.user,
    Hostname: spec.hostname,
    Labels: spec.labels,
    Tty: spec.tty,
    OpenStdin: spec.openStdin,
    AttachStdin: spec.openStdin,
    StdinOnce: spec.stdinOnce,
    StopSignal: spec.stopSignal,
    StopTimeout: spec.stopTimeout,
    Healthcheck: spec.healthcheck && toHealthcheckBody(spec.healthcheck),
    ExposedPorts: spec.ports?.length ? exposed : undefined,
    Volumes: spec.volumes?.length
      ? Object.fromEntries(spec.volumes.map((v) => [v, {}]))
      : undefined,
    HostConfig: compact({
      PortBindings: Object.keys(bindings).length > 0 ? bindings : undefined,
      Binds: spec.binds,
      Mounts: spec.mounts?.map(toMountBody),
      VolumesFrom: spec.volumesFrom,
      RestartPolicy: spec.restartPolicy && {
        Name: spec.restartPolicy.name === 'no' ? '' : spec.restartPolicy.name,
        MaximumRetryCount: spec.restartPolicy.maximumRetryCount ?? 0,
      },
      Memory: spec.memoryBytes,
      MemoryReservation: spec.memoryReservationBytes,
      Ulimits: spec.ulimits?.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      LogConfig: spec.logging && { Type: spec.logging.driver, Config: spec.logging.options ?? {} },
      NanoCpus: spec.nanoCpus,
      CpuShares: spec.cpuShares,
      PidsLimit: spec.pidsLimit,
      AutoRemove: spec.autoRemove,
      Init: spec.init,
      ReadonlyRootfs: spec.readonlyRootfs,
      NetworkMode: spec.networkMode,
      Privileged: spec.privileged,
      PidMode: spec.pidMode,
      IpcMode: spec.ipcMode,
      UTSMode: spec.utsMode,
      UsernsMode: spec.usernsMode,
      CgroupnsMode: spec.cgroupnsMode,
      CapAdd: spec.capAdd,
      CapDrop: spec.capDrop,
      SecurityOpt: spec.securityOpt,
      Devices: spec.devices?.map((d) => ({
        PathOnHost: d.pathOnHost,
        PathInContainer: d.pathInContainer,
        CgroupPermissions: d.cgroupPermissions ?? 'rwm',
      })),
      Sysctls: spec.sysctls,
      Runtime: spec.runtime,
      CgroupParent: spec.cgroupParent,
      VolumeDriver: spec.volumeDriver,
      ExtraHosts: spec.extraHosts,
      Dns: spec.dns,
    }),
    NetworkingConfig: toNetworkingBody(spec),
  })
}

function toHealthcheckBody(check: HealthcheckSpec): Record<string, unknown> {
  return compact({
    Test: check.test,
    Interval: check.intervalNs,
    Timeout: check.timeoutNs,
    StartPeriod: check.startPeriodNs,
    StartInterval: check.startIntervalNs,
    Retries: check.retries,
  })
}

/** The mode network's endpoint, when the spec sets one: the engine takes it at create. */
function toNetworkingBody(spec: ContainerCreateSpec): Record<string, unknown> | undefined {
  const { endpoint, networkMode } = spec
  if (!endpoint || networkMode === undefined) return undefined
  const settings = compact({
    Aliases: endpoint.aliases?.length ? endpoint.aliases : undefined,
    IPAMConfig: endpoint.ipv4Address ? { IPv4Address: endpoint.ipv4Address } : undefined,
  })
  if (Object.keys(settings).length === 0) return undefined
  return { EndpointsConfig: { [networkMode]: settings } }
}

function toMountBody(m: MountSpec): Record<string, unknown> {
  const bindOptions = compact({
    NonRecursive: m.nonRecursive === true ? true : undefined,
    Propagation: m.propagation,
  })
  const tmpfsOptions = compact({ SizeBytes: m.tmpfsSizeBytes, Mode: m.tmpfsMode })
  return compact({
    Type: m.type,
    Source: m.source,
    Target: m.target,
    ReadOnly: m.readOnly,
    BindOptions: Object.keys(bindOptions).length > 0 ? bindOptions : undefined,
    VolumeOptions: m.noCopy === true ? { NoCopy: true } : undefined,
    TmpfsOptions: Object.keys(tmpfsOptions).length > 0 ? tmpfsOptions : undefined,
  })
}

/** Resource and restart-policy changes that `POST /containers/{id}/update` accepts live. */
export interface ContainerUpdateSpec {
  memoryBytes?: number | undefined
  memorySwapBytes?: number | undefined
  nanoCpus?: number | undefined
  cpuShares?: number | undefined
  pidsLimit?: number | undefined
  restartPolicy?: RestartPolicy | undefined
}

export function toUpdateBody(spec: ContainerUpdateSpec): Record<string, unknown> {
  return compact({
    Memory: spec.memoryBytes,
    MemorySwap: spec.memorySwapBytes,
    NanoCpus: spec.nanoCpus,
    CpuShares: spec.cpuShares,
    PidsLimit: spec.pidsLimit,
    RestartPolicy: spec.restartPolicy && {
      Name: spec.restartPolicy.name === 'no' ? '' : spec.restartPolicy.name,
      MaximumRetryCount: spec.restartPolicy.maximumRetryCount ?? 0,
    },
  })
}

function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}
