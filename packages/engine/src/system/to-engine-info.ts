import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asOptionalString,
  asString,
  asStringArray,
} from '../wire/wire-read.ts'
import type { EngineInfo, EngineVersion, SwarmLocalNodeState } from './types.ts'

const NODE_STATES: readonly SwarmLocalNodeState[] = [
  'inactive',
  'pending',
  'active',
  'error',
  'locked',
]

/** Maps `GET /info`. Podman has no swarm (docs/engine.md#podman): a missing `Swarm` reads `inactive`. */
export function toEngineInfo(wire: unknown): EngineInfo {
  const doc = asObject(wire)
  const swarm = asObject(doc.Swarm)
  const cgroupVersion = asOptionalString(doc.CgroupVersion)
  const cgroupDriver = asOptionalString(doc.CgroupDriver)
  const defaultRuntime = asOptionalString(doc.DefaultRuntime)
  const loggingDriver = asOptionalString(doc.LoggingDriver)
  const nodeId = asOptionalString(swarm.NodeID)
  return {
    id: asString(doc.ID),
    name: asString(doc.Name),
    serverVersion: asString(doc.ServerVersion),
    operatingSystem: asString(doc.OperatingSystem),
    osType: asString(doc.OSType, 'linux'),
    architecture: asString(doc.Architecture),
    kernelVersion: asString(doc.KernelVersion),
    ncpu: asNumber(doc.NCPU),
    memTotal: asNumber(doc.MemTotal),
    containers: asNumber(doc.Containers),
    containersRunning: asNumber(doc.ContainersRunning),
    containersPaused: asNumber(doc.ContainersPaused),
    containersStopped: asNumber(doc.ContainersStopped),
    images: asNumber(doc.Images),
    driver: asString(doc.Driver),
    ...(cgroupVersion === undefined ? {} : { cgroupVersion }),
    ...(cgroupDriver === undefined ? {} : { cgroupDriver }),
    ...(defaultRuntime === undefined ? {} : { defaultRuntime }),
    ...(loggingDriver === undefined ? {} : { loggingDriver }),
    dockerRootDir: asString(doc.DockerRootDir),
    swarm: {
      localNodeState: NODE_STATES.find((state) => state === swarm.LocalNodeState) ?? 'inactive',
      controlAvailable: asBoolean(swarm.ControlAvailable),
      ...(nodeId === undefined ? {} : { nodeId }),
    },
    warnings: asStringArray(doc.Warnings),
  }
}

/** Maps `GET /version`; `MinAPIVersion` is 1.25+, `Platform` and `Components` 1.35+. */
export function toEngineVersion(wire: unknown): EngineVersion {
  const doc = asObject(wire)
  const minApiVersion = asOptionalString(doc.MinAPIVersion)
  const platformName = asOptionalString(asObject(doc.Platform).Name)
  return {
    version: asString(doc.Version),
    apiVersion: asString(doc.ApiVersion),
    ...(minApiVersion === undefined ? {} : { minApiVersion }),
    gitCommit: asString(doc.GitCommit),
    goVersion: asString(doc.GoVersion),
    os: asString(doc.Os),
    arch: asString(doc.Arch),
    kernelVersion: asString(doc.KernelVersion),
    ...(platformName === undefined ? {} : { platformName }),
    components: asArray(doc.Components).map((item) => {
      const component = asObject(item)
      return { name: asString(component.Name), version: asString(component.Version) }
    }),
  }
}
