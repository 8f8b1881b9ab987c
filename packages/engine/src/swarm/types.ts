/** Swarm read views (docs/engine.md#swarm): services, tasks, nodes, secret and config metadata. */

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job'

export interface ServicePort {
  protocol: 'tcp' | 'udp' | 'sctp'
  targetPort: number
  /** Absent until the swarm assigned one, or when the port is not published. */
  publishedPort?: number
  /** `ingress` (routing mesh, the default) or `host`. */
  publishMode?: string
}

/** A row of `GET /services`. */
export interface Service {
  id: string
  name: string
  /** As the service spec has it, often pinned: `nginx:1.27@sha256:…`. */
  image: string
  mode: ServiceMode
  /** Desired replicas of a `replicated` service. */
  replicas?: number
  /** From `status=true` (API 1.41+). */
  runningTasks?: number
  desiredTasks?: number
  /** Finished tasks of a job service (API 1.41+). */
  completedTasks?: number
  labels: Record<string, string>
  /** RFC 3339. */
  createdAt: string
  updatedAt: string
  ports: ServicePort[]
  /** `Version.Index`: updates must send it back (docs/engine.md#swarm). */
  version: number
  /** Whether its containers have a TTY: service logs are then raw, not multiplexed. */
  tty: boolean
}

/** Swarmkit task states, in lifecycle order. */
export type TaskState =
  | 'new'
  | 'allocated'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned'

/** A row of `GET /tasks`: one scheduled container of a service. */
export interface Task {
  id: string
  serviceId: string
  /** Absent while the task waits for a node. */
  nodeId?: string
  /** Replica number of a replicated service; global tasks have none. */
  slot?: number
  desiredState: TaskState
  state: TaskState
  /** Swarm's last note about the task, e.g. `started`. */
  message: string
  /** Why the task failed, e.g. `task: non-zero exit (1)`. */
  error?: string
  containerId?: string
  /** Only for tasks whose container has ended. */
  exitCode?: number
  /** RFC 3339 time of the last state change. */
  timestamp: string
}

/** A row of `GET /nodes`. */
export interface SwarmNode {
  id: string
  hostname: string
  role: 'manager' | 'worker'
  availability: 'active' | 'pause' | 'drain'
  state: 'unknown' | 'down' | 'ready' | 'disconnected'
  /** IP address the node is reachable at. */
  addr: string
  leader: boolean
  /** Managers only. */
  managerReachability?: 'unknown' | 'unreachable' | 'reachable'
  engineVersion?: string
  /** Managers only: where other nodes reach this manager (`ip:2377`), as `docker swarm join` names it. */
  managerAddr?: string
  /** What the node offers to tasks (`Description.Resources`). */
  resources: { nanoCpus?: number | undefined; memoryBytes?: number | undefined }
  platform: { os?: string | undefined; architecture?: string | undefined }
  /** `Spec.Labels`: the operator's node labels, used by placement constraints. */
  labels: Record<string, string>
  /** `Version.Index`, for updates. */
  version: number
}

/** Metadata of a secret: the engine never returns secret data, and neither does this type. */
export interface SwarmSecret {
  id: string
  name: string
  labels: Record<string, string>
  createdAt: string
  updatedAt: string
}

/** Metadata of a config; its data is left out as well, so a list never carries file contents. */
export type SwarmConfig = SwarmSecret

/** What a node update changes; unnamed fields keep their value. */
export interface NodeChange {
  availability?: SwarmNode['availability'] | undefined
  role?: SwarmNode['role'] | undefined
  labels?: { add?: Record<string, string> | undefined; remove?: string[] | undefined } | undefined
}

/** The typed subset of `SwarmSpec` we let an admin change. Durations in seconds. */
export interface ClusterSettings {
  /** `Orchestration.TaskHistoryRetentionLimit`: finished tasks kept per slot. */
  taskHistoryLimit: number
  /** `Dispatcher.HeartbeatPeriod`. */
  heartbeatPeriodSeconds: number
  /** `CAConfig.NodeCertExpiry`: lifetime of the certificates the swarm CA issues to nodes. */
  nodeCertExpirySeconds: number
  /** `EncryptionConfig.AutoLockManagers`: a restarted manager needs the unlock key. */
  autolock: boolean
}

export type ClusterSettingsChange = {
  [K in keyof ClusterSettings]?: ClusterSettings[K] | undefined
}

/** `GET /swarm`: secrets (the join tokens) included; whoever answers it decides who sees them. */
export interface SwarmCluster {
  id: string
  createdAt: string
  joinTokens: { worker: string; manager: string }
  settings: ClusterSettings
  version: number
}
