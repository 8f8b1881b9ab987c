/** The container model the engine package hands out: normalised across API 1.24–1.51 and Podman. */

export type ContainerState =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy'

export interface PortMapping {
  privatePort: number
  type: 'tcp' | 'udp' | 'sctp'
  /** Absent when the port is exposed but not published. */
  publicPort?: number
  ip?: string
}

export interface ContainerMount {
  type: string
  /** Volume name for volume mounts. */
  name?: string
  source: string
  destination: string
  mode: string
  readWrite: boolean
  driver?: string
}

export interface NetworkEndpoint {
  networkId: string
  ipAddress?: string
  ipPrefixLength?: number
  gateway?: string
  macAddress?: string
  ipv6Address?: string
  aliases: string[]
}

/** A row of `GET /containers/json`. */
export interface Container {
  id: string
  /** The primary name, without the leading "/". */
  name: string
  image: string
  imageId: string
  command: string
  /** Unix seconds. */
  created: number
  state: ContainerState
  /** Display text as the CLI shows it: "Up 5 minutes (healthy)". */
  status: string
  health?: HealthStatus
  ports: PortMapping[]
  labels: Record<string, string>
  networkMode?: string
  networks: Record<string, NetworkEndpoint>
  mounts: ContainerMount[]
  sizeRw?: number
  sizeRootFs?: number
}

export interface RestartPolicy {
  name: 'no' | 'always' | 'unless-stopped' | 'on-failure'
  maximumRetryCount?: number | undefined
}

/** A host device made available inside a container. */
export interface HostDevice {
  pathOnHost: string
  pathInContainer: string
  cgroupPermissions: string
}

export interface ContainerStateDetails {
  status: ContainerState
  running: boolean
  paused: boolean
  restarting: boolean
  oomKilled: boolean
  dead: boolean
  pid: number
  exitCode: number
  error: string
  startedAt?: string
  finishedAt?: string
  health?: { status: HealthStatus | 'none'; failingStreak: number }
}

/** `GET /containers/{id}/json`, with the fields a dashboard shows; `raw` keeps the rest. */
export interface ContainerDetails {
  id: string
  name: string
  /** RFC 3339. */
  created: string
  /** The image reference the container was created from (Config.Image). */
  image: string
  imageId: string
  path: string
  args: string[]
  state: ContainerStateDetails
  restartCount: number
  config: {
    hostname: string
    user: string
    env: string[]
    cmd: string[]
    entrypoint: string[]
    workingDir: string
    labels: Record<string, string>
    tty: boolean
    openStdin: boolean
    exposedPorts: string[]
    stopSignal?: string
  }
  hostConfig: {
    restartPolicy: RestartPolicy
    networkMode: string
    binds: string[]
    memoryBytes: number
    nanoCpus: number
    cpuShares: number
    privileged: boolean
    autoRemove: boolean
    readonlyRootfs: boolean
    /** Namespace modes: `''`, `host`, `container:<id>`, `private`, `shareable`… as the engine has them. */
    pidMode: string
    ipcMode: string
    utsMode: string
    usernsMode: string
    /** `host` or `private`; the engine fills in its default (`host` on cgroup v1). */
    cgroupnsMode: string
    capAdd: string[]
    devices: HostDevice[]
    /** `--gpus` and the like (1.40+). */
    deviceRequests: { driver: string; count: number }[]
    deviceCgroupRules: string[]
    securityOpt: string[]
    sysctls: Record<string, string>
    /** The OCI runtime's name (`runc` unless asked otherwise or the daemon's default differs). */
    runtime: string
    cgroupParent: string
    volumeDriver: string
    volumesFrom: string[]
  }
  ports: PortMapping[]
  networks: Record<string, NetworkEndpoint>
  mounts: ContainerMount[]
  sizeRw?: number
  sizeRootFs?: number
  /** The engine's inspect document exactly as it came, for a "raw JSON" view. */
  raw: unknown
}
