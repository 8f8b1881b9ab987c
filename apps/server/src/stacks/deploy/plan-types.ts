import type { DependencyCondition } from '@harbormaster/compose'
import type { ContainerState } from '@harbormaster/engine'

/*
 * The convergence planner's terms: what the file asks for (desired), what the engine has
 * (observed), and the steps between them. Pure data: no engine, no clock, no I/O, so every rule is
 * tested in the fast tier, by table and by property (convergence.test.ts).
 */

export interface Dependency {
  condition: DependencyCondition
  /** Restart this service's containers when the dependency's are recreated. */
  restart: boolean
  required: boolean
}

export interface DesiredService {
  name: string
  replicas: number
  /** `com.docker.compose.config-hash` its containers must carry. */
  hash: string
  /** The image reference the file names (or compose's `<project>-<service>` for a build). */
  image: string
  /** How the image reaches the host; absent: pulled when missing (`pull_policy` unset). */
  source?: DesiredImageSource
  dependsOn: Record<string, Dependency>
}

/**
 * Pulled with a policy (image-source.ts), or built from a context whose digest the image we
 * built carries (BUILD_DIGEST_LABEL); `rebuild`: on every deploy (`pull_policy: build`).
 */
export type DesiredImageSource =
  | {
      kind: 'pull'
      policy: 'default' | 'missing' | 'always' | 'never' | 'refresh'
      everyMs?: number
    }
  | { kind: 'build'; digest: string; rebuild: boolean }

/** A network or volume of the file: its key, the engine's name, and whether it is external. */
export interface DesiredResource {
  key: string
  name: string
  external: boolean
}

export interface DesiredState {
  project: string
  services: DesiredService[]
  networks: DesiredResource[]
  volumes: DesiredResource[]
}

/** A container of the project as the engine has it, read from its labels and state. */
export interface ObservedContainer {
  id: string
  name: string
  service: string
  number: number
  hash: string
  imageId: string
  state: ContainerState
  /** For an exited container: its exit code. */
  exitCode?: number
  /** A `compose run` container (`oneoff=True`): never part of a service's replicas. */
  oneoff: boolean
}

export interface ObservedState {
  containers: ObservedContainer[]
  /** Names of the networks and volumes that exist. */
  networks: ReadonlySet<string>
  volumes: ReadonlySet<string>
  /** The id of each image reference the host has; a reference it lacks is absent. */
  images: ReadonlyMap<string, string>
  /** The context digest each image reference we built carries (BUILD_DIGEST_LABEL). */
  buildDigests?: ReadonlyMap<string, string>
  /** When each image reference's tag last moved (ms since the epoch): a refresh policy's clock. */
  tagTimes?: ReadonlyMap<string, number>
}

export interface PlanOptions {
  /**
   * `missing`: pull images the host lacks; `always` (redeploy): pull every image of a service
   * without its own `pull_policy`. Built images are never pulled.
   */
  pull: 'missing' | 'always'
  /**
   * Images pulled again whatever `pull` says (a stack's Update: those the checker found a new
   * digest for), unless their service's `pull_policy` is `never`.
   */
  refresh?: ReadonlySet<string>
  removeOrphans: boolean
}

export type ResourceStep =
  | { kind: 'create-network'; key: string; name: string }
  | { kind: 'create-volume'; key: string; name: string }
  | { kind: 'pull'; image: string }
  | { kind: 'build'; service: string; image: string }

export interface ResourcePlan {
  /** What stops the deploy before anything is done (an external object that is missing). */
  errors: string[]
  steps: ResourceStep[]
}

/**
 * What to do to one container. `remove` stops a running container first; `recreate` is
 * compose's order: create the new container under a temporary name, stop and remove the old
 * one, rename the new one, start it.
 */
export type ContainerOp =
  | { kind: 'create'; service: string; number: number; name: string }
  | { kind: 'recreate'; service: string; number: number; name: string; old: ObservedContainer }
  | { kind: 'start'; service: string; container: ObservedContainer }
  | { kind: 'restart'; service: string; container: ObservedContainer }
  | { kind: 'remove'; service: string; container: ObservedContainer }

/** A wait before a service starts: for a dependency's containers to be healthy or completed. */
export interface Wait {
  service: string
  condition: 'service_healthy' | 'service_completed_successfully'
}

export interface ServicePlan {
  service: string
  /** Services whose plans must be done before this one begins (its dependencies). */
  after: string[]
  /** Waits before the first container of this service is started or created. */
  waits: Wait[]
  ops: ContainerOp[]
}

export interface ServicesPlan {
  /** In dependency order: a service after every service it depends on. */
  services: ServicePlan[]
  /** Containers of services the file no longer has, removed only when asked. */
  orphans: ContainerOp[]
}
