/**
 * One service of a normalised compose project: every key in one canonical form (the long syntax),
 * defaults applied, values parsed. Keys are camelCase spellings of compose's keys.
 */

/** A duration in nanoseconds: the Engine API's unit for healthchecks, exact for every Go duration. */
export type Nanoseconds = number

/** A size in bytes (`512m` is 536870912: compose's sizes are binary). */
export type Bytes = number

export type PortProtocol = 'tcp' | 'udp' | 'sctp'

/** A port or an inclusive range of ports; a single port has `start === end`. */
export interface PortRange {
  start: number
  end: number
}

export interface ComposePort {
  /** The container port. A short-syntax range (`3000-3005`) gives one port each. */
  target: number
  /** The host port or range; absent when the engine picks one. */
  published?: PortRange
  /** The host address; absent for all addresses. */
  hostIp?: string
  protocol: PortProtocol
  /** `ingress` (the default) or `host`; the same thing on a single engine. */
  mode: 'ingress' | 'host'
  name?: string
  appProtocol?: string
}

export interface ComposeExpose extends PortRange {
  protocol: PortProtocol
}

interface MountBase {
  /** Absolute path in the container, cleaned (`/data/` -> `/data`). */
  target: string
  readOnly: boolean
}

export interface VolumeMount extends MountBase {
  type: 'volume'
  /** The key of a top-level volume; absent for an anonymous volume. */
  source?: string
  volume: { nocopy: boolean; subpath?: string }
}

export interface BindMount extends MountBase {
  type: 'bind'
  /** The host path as written (`./data` is relative to the stack's directory). */
  source: string
  bind: { createHostPath: boolean; propagation?: string; selinux?: 'z' | 'Z' }
}

export interface TmpfsMount extends MountBase {
  type: 'tmpfs'
  tmpfs: { size?: Bytes; mode?: number }
}

export type ComposeMount = VolumeMount | BindMount | TmpfsMount

export interface ServiceNetwork {
  aliases: string[]
  ipv4Address?: string
}

export type DependencyCondition =
  'service_started' | 'service_healthy' | 'service_completed_successfully'

export interface ServiceDependency {
  condition: DependencyCondition
  /** Restart this service when compose restarts the dependency. */
  restart: boolean
  required: boolean
}

export interface Healthcheck {
  /** `['CMD', ...]`, `['CMD-SHELL', command]` or `['NONE']`; absent to keep the image's test. */
  test?: string[]
  interval?: Nanoseconds
  timeout?: Nanoseconds
  startPeriod?: Nanoseconds
  startInterval?: Nanoseconds
  retries?: number
  /** `disable: true` or a `NONE` test: the image's healthcheck is turned off. */
  disable: boolean
}

export interface RestartPolicy {
  name: 'no' | 'always' | 'unless-stopped' | 'on-failure'
  /** Only for `on-failure:N`. */
  maximumRetryCount?: number
}

export interface Ulimit {
  soft: number
  hard: number
}

export interface Logging {
  driver?: string
  options: Record<string, string>
}

export interface Resources {
  /** CPUs as a fraction (`0.5` is half a CPU). */
  cpus?: number
  memory?: Bytes
  pids?: number
}

export interface Build {
  /** The build context as written, relative to the stack's directory. */
  context: string
  dockerfile: string
  args: Record<string, string>
  target?: string
}

export interface EnvFile {
  path: string
  required: boolean
}

export interface Device {
  source: string
  target: string
  permissions: string
}

/** A secret or config granted to the service: a read-only file in the container. */
export interface FileGrant {
  /** The key of the top-level secret or config. */
  source: string
  /** Absolute path in the container (`/run/secrets/<source>` and `/<source>` by default). */
  target: string
  uid?: string
  gid?: string
  mode?: number
}

/** `deploy.update_config` / `deploy.rollback_config`. */
export interface RolloutConfig {
  parallelism?: number
  delay?: Nanoseconds
  failureAction?: string
  monitor?: Nanoseconds
  maxFailureRatio?: number
  order?: string
}

/**
 * The `deploy:` keys only a swarm honours (docs/engine.md#stacks-on-a-swarm). `replicas` and
 * `resources` are read for every stack (ComposeService.replicas/.resources); these are read only
 * so that a swarm stack can carry them and a compose stack can refuse them at their line.
 */
export interface SwarmDeploy {
  mode?: string
  /** `deploy.labels`: on the service (the service's own `labels` go on its containers). */
  labels?: Record<string, string>
  endpointMode?: string
  placement?: { constraints: string[]; preferences: string[]; maxReplicasPerNode?: number }
  updateConfig?: RolloutConfig
  rollbackConfig?: RolloutConfig
  restartPolicy?: {
    condition?: string
    delay?: Nanoseconds
    maxAttempts?: number
    window?: Nanoseconds
  }
}

export interface ComposeService {
  name: string
  image?: string
  build?: Build
  /**
   * `pull_policy` as written (`always`, `never`, `missing`, `if_not_present`, `build`, `daily`,
   * `weekly`, `every_<duration>`, `refresh`): the schema checked its shape, the deploy reads it.
   */
  pullPolicy?: string
  /** Absent: the image's command. `[]`: explicitly none. A string was split like a shell would. */
  command?: string[]
  entrypoint?: string[]
  /** `environment` over the `env_file`s, variables without a value resolved or left out. */
  environment: Record<string, string>
  envFiles: EnvFile[]
  labels: Record<string, string>
  ports: ComposePort[]
  expose: ComposeExpose[]
  volumes: ComposeMount[]
  /** Empty when `networkMode` is set; `{ default: ... }` when the file names no network. */
  networks: Record<string, ServiceNetwork>
  networkMode?: string
  dependsOn: Record<string, ServiceDependency>
  healthcheck?: Healthcheck
  restart?: RestartPolicy
  user?: string
  workingDir?: string
  hostname?: string
  /** Absent: the engine's default. */
  init?: boolean
  tty: boolean
  stdinOpen: boolean
  stopSignal?: string
  stopGracePeriod?: Nanoseconds
  ulimits: Record<string, Ulimit>
  logging?: Logging
  /** `deploy.replicas` or `scale`; 1 when neither is set. */
  replicas: number
  resources: { limits: Resources; reservations: Resources }
  /** The swarm-only `deploy:` keys, when the file sets any. */
  swarm?: SwarmDeploy
  capAdd: string[]
  capDrop: string[]
  privileged: boolean
  devices: Device[]
  securityOpt: string[]
  sysctls: Record<string, string>
  secrets: FileGrant[]
  configs: FileGrant[]
  profiles: string[]
}
