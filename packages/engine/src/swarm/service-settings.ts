/**
 * A service as Harbormaster writes it (docs/engine.md#swarm-services): the typed settings that
 * `service-spec.ts` turns into the engine's `ServiceSpec`, and `read-service-spec.ts` reads back
 * from one. Durations are nanoseconds, as the engine has them.
 */

export interface ServiceMountSettings {
  type: 'bind' | 'volume' | 'tmpfs'
  /** Host path (bind), volume name (volume); none for tmpfs. */
  source?: string | undefined
  target: string
  readOnly?: boolean | undefined
  /** Bind: leave the mounts below the source out (read-only binds of operators get it). */
  nonRecursive?: boolean | undefined
  noCopy?: boolean | undefined
  tmpfsSizeBytes?: number | undefined
  tmpfsMode?: number | undefined
}

export interface ServicePortSettings {
  targetPort: number
  publishedPort?: number | undefined
  protocol: 'tcp' | 'udp' | 'sctp'
  /** `ingress` (the routing mesh, the default) or `host` (the node running the task). */
  mode: 'ingress' | 'host'
}

/** A secret or config as a file in the task's container (`/run/secrets/<target>` for secrets). */
export interface ServiceFileRef {
  /** The secret's or config's name; the engine needs its id too, looked up by name. */
  name: string
  /** File name; default the name. */
  target?: string | undefined
  uid?: string | undefined
  gid?: string | undefined
  mode?: number | undefined
}

export interface ServiceRolloutSettings {
  parallelism?: number | undefined
  delayNs?: number | undefined
  failureAction?: 'pause' | 'continue' | 'rollback' | undefined
  monitorNs?: number | undefined
  maxFailureRatio?: number | undefined
  order?: 'stop-first' | 'start-first' | undefined
}

export interface ServiceResourceSettings {
  nanoCpus?: number | undefined
  memoryBytes?: number | undefined
  /** Limits only (API 1.41+). */
  pids?: number | undefined
}

export interface ServiceHealthcheckSettings {
  test?: string[] | undefined
  intervalNs?: number | undefined
  timeoutNs?: number | undefined
  startPeriodNs?: number | undefined
  retries?: number | undefined
}

export type ServiceModeSettings = { replicated: number } | { global: true }

export interface ServiceSettings {
  name: string
  image: string
  command?: string[] | undefined
  args?: string[] | undefined
  env?: string[] | undefined
  /** On the service. */
  labels?: Record<string, string> | undefined
  /** On each task's container. */
  containerLabels?: Record<string, string> | undefined
  hostname?: string | undefined
  user?: string | undefined
  workdir?: string | undefined
  mounts?: ServiceMountSettings[] | undefined
  networks?: { name: string; aliases?: string[] | undefined }[] | undefined
  ports?: ServicePortSettings[] | undefined
  endpointMode?: 'vip' | 'dnsrr' | undefined
  mode?: ServiceModeSettings | undefined
  placement?:
    | {
        constraints?: string[] | undefined
        /** Spread descriptors, e.g. `node.labels.zone`. */
        spread?: string[] | undefined
        maxReplicas?: number | undefined
      }
    | undefined
  resources?:
    | {
        limits?: ServiceResourceSettings | undefined
        reservations?: ServiceResourceSettings | undefined
      }
    | undefined
  restartPolicy?:
    | {
        condition?: 'none' | 'on-failure' | 'any' | undefined
        delayNs?: number | undefined
        maxAttempts?: number | undefined
        windowNs?: number | undefined
      }
    | undefined
  updateConfig?: ServiceRolloutSettings | undefined
  rollbackConfig?: ServiceRolloutSettings | undefined
  secrets?: ServiceFileRef[] | undefined
  configs?: ServiceFileRef[] | undefined
  healthcheck?: ServiceHealthcheckSettings | undefined
  /** API 1.41+. */
  capAdd?: string[] | undefined
  capDrop?: string[] | undefined
  /** API 1.40+. */
  sysctls?: Record<string, string> | undefined
  logDriver?: { name: string; options?: Record<string, string> | undefined } | undefined
  init?: boolean | undefined
  readOnly?: boolean | undefined
  stopGracePeriodNs?: number | undefined
}

/** The engine's `UpdateStatus` of a service: the progress of its last update or rollback. */
export interface ServiceUpdateStatus {
  /** `updating`, `paused`, `completed`, `rollback_started`, `rollback_paused`, `rollback_completed`. */
  state: string
  startedAt?: string | undefined
  completedAt?: string | undefined
  message?: string | undefined
}

/** A spec read back: its settings, and the wire fields our settings have no words for. */
export interface ReadServiceSpec {
  settings: ServiceSettings
  /**
   * Paths of spec fields set that the settings do not model (`TaskTemplate.PluginSpec`,
   * `ContainerSpec.Privileges`…): a policy cannot judge what it cannot see, so it refuses them.
   */
  unmodelled: string[]
}

/** `GET /services/{id}`: the spec now and before the last update, and the update's progress. */
export interface ServiceDetails {
  id: string
  version: number
  createdAt: string
  updatedAt: string
  spec: ReadServiceSpec
  /** The spec a rollback (`rollback=previous`) would restore. */
  previousSpec?: ReadServiceSpec | undefined
  updateStatus?: ServiceUpdateStatus | undefined
}
