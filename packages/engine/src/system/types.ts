import type { ContainerState } from '../containers/types.ts'
import type { Image } from '../images/types.ts'
import type { Volume } from '../volumes/types.ts'

/** `Swarm.LocalNodeState` of `/info` (docs/engine.md#swarm). */
export type SwarmLocalNodeState = 'inactive' | 'pending' | 'active' | 'error' | 'locked'

/** `GET /info`, with the fields a host overview shows. */
export interface EngineInfo {
  /** Engine id (may be empty). */
  id: string
  /** Host name of the engine's machine. */
  name: string
  /** Engine release (`20.10.24`; Podman's own version on Podman). */
  serverVersion: string
  /** Distribution, e.g. `Ubuntu 24.04 LTS`. */
  operatingSystem: string
  /** `linux` or `windows`. */
  osType: string
  architecture: string
  kernelVersion: string
  ncpu: number
  /** Bytes. */
  memTotal: number
  containers: number
  containersRunning: number
  containersPaused: number
  containersStopped: number
  images: number
  /** Storage driver, e.g. `overlay2`. */
  driver: string
  /** `1` or `2` (API 1.41+). */
  cgroupVersion?: string
  /** `cgroupfs` or `systemd`. */
  cgroupDriver?: string
  /** The OCI runtime containers get when they ask for none (`runc`; Podman: `crun`…). */
  defaultRuntime?: string
  /** The log driver containers get when they ask for none (`json-file` unless configured). */
  loggingDriver?: string
  dockerRootDir: string
  swarm: {
    localNodeState: SwarmLocalNodeState
    /** True on managers only: the swarm views work only then. */
    controlAvailable: boolean
    nodeId?: string
  }
  /** Daemon warnings such as `WARNING: No swap limit support`. */
  warnings: string[]
}

/** `GET /version`. */
export interface EngineVersion {
  version: string
  /** The newest API version the engine serves. */
  apiVersion: string
  /** The oldest API version the engine serves (1.25+). */
  minApiVersion?: string
  gitCommit: string
  goVersion: string
  os: string
  arch: string
  kernelVersion: string
  /** E.g. `Docker Engine - Community` (1.35+). */
  platformName?: string
  /** Engine, containerd, runc… (1.35+); Podman reports `Podman Engine`. */
  components: { name: string; version: string }[]
}

/** A container row of `/system/df`: what a disk usage view shows. */
export interface DiskUsageContainer {
  id: string
  name: string
  image: string
  state: ContainerState
  /** Display text, e.g. `Exited (0) 56 minutes ago`. */
  status: string
  /** Unix seconds. */
  created: number
  /** Bytes written by the container; absent when zero on older engines. */
  sizeRw?: number
  /** Bytes of the image plus the writable layer. */
  sizeRootFs?: number
}

/** A build cache record of `/system/df` (1.31+). */
export interface BuildCacheEntry {
  id: string
  /** `internal`, `frontend`, `source.local`, `source.git.checkout`, `exec.cachemount`, `regular`. */
  type: string
  description: string
  inUse: boolean
  shared: boolean
  /** Bytes. */
  size: number
  createdAt?: string
  lastUsedAt?: string
  usageCount: number
}

/** `GET /system/df`. */
export interface DiskUsage {
  /** Bytes of all image layers, shared ones counted once. */
  layersSize: number
  images: Image[]
  containers: DiskUsageContainer[]
  volumes: Volume[]
  buildCache: BuildCacheEntry[]
}
