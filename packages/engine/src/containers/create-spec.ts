import type { RestartPolicy } from './types.ts'

export interface PublishedPort {
  containerPort: number
  protocol?: 'tcp' | 'udp' | 'sctp'
  /** Omit to expose only; 0 lets the engine choose a free port. */
  hostPort?: number
  hostIp?: string
}

export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe'
  source?: string
  target: string
  readOnly?: boolean
  /**
   * A bind of the source's own file system only, without the mounts below it (API 1.40+).
   * Before Docker 25 on kernels before 5.12, `readOnly` leaves those mounts writable.
   */
  nonRecursive?: boolean
  /** Bind propagation: `rprivate` (the engine's default), `shared`, `rslave`… */
  propagation?: string
}

export interface DeviceMapping {
  pathOnHost: string
  pathInContainer: string
  cgroupPermissions?: string
}

/**
 * What a caller may ask for when creating a container. Every field maps to exactly one engine
 * field; deciding who may use which (privileged, host paths, namespaces…) is the server's job.
 */
export interface ContainerCreateSpec {
  image: string
  name?: string
  cmd?: string[]
  entrypoint?: string[]
  env?: string[]
  workingDir?: string
  user?: string
  hostname?: string
  labels?: Record<string, string>
  tty?: boolean
  openStdin?: boolean
  stdinOnce?: boolean
  stopSignal?: string
  stopTimeout?: number
  ports?: PublishedPort[]
  /** Anonymous volumes: container paths. */
  volumes?: string[]
  binds?: string[]
  mounts?: MountSpec[]
  volumesFrom?: string[]
  restartPolicy?: RestartPolicy
  memoryBytes?: number
  nanoCpus?: number
  cpuShares?: number
  pidsLimit?: number
  autoRemove?: boolean
  init?: boolean
  readonlyRootfs?: boolean
  networkMode?: string
  privileged?: boolean
  pidMode?: string
  ipcMode?: string
  utsMode?: string
  usernsMode?: string
  cgroupnsMode?: string
  capAdd?: string[]
  capDrop?: string[]
  securityOpt?: string[]
  devices?: DeviceMapping[]
  sysctls?: Record<string, string>
  runtime?: string
  cgroupParent?: string
  volumeDriver?: string
  extraHosts?: string[]
  dns?: string[]
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
  })
}

function toMountBody(m: MountSpec): Record<string, unknown> {
  const bindOptions = compact({
    NonRecursive: m.nonRecursive === true ? true : undefined,
    Propagation: m.propagation,
  })
  return compact({
    Type: m.type,
    Source: m.source,
    Target: m.target,
    ReadOnly: m.readOnly,
    BindOptions: Object.keys(bindOptions).length > 0 ? bindOptions : undefined,
  })
}

/** Resource and restart-policy changes that `POST /containers/{id}/update` accepts live. */
export interface ContainerUpdateSpec {
  memoryBytes?: number
  memorySwapBytes?: number
  nanoCpus?: number
  cpuShares?: number
  pidsLimit?: number
  restartPolicy?: RestartPolicy
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
