import {
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
  asStringMap,
} from '../wire/wire-read.ts'
import type { SwarmNode, SwarmSecret } from './types.ts'

/** Maps a `GET /nodes` item (docs/engine.md#swarm); `ManagerStatus` exists on managers only. */
export function toSwarmNode(wire: unknown): SwarmNode {
  const item = asObject(wire)
  const spec = asObject(item.Spec)
  const status = asObject(item.Status)
  const description = asObject(item.Description)
  const manager = asObject(item.ManagerStatus)
  const reachability = oneOf(manager.Reachability, ['unknown', 'unreachable', 'reachable'] as const)
  const engineVersion = asOptionalString(asObject(description.Engine).EngineVersion)
  const managerAddr = asOptionalString(manager.Addr)
  const resources = asObject(description.Resources)
  const platform = asObject(description.Platform)
  return {
    id: asString(item.ID),
    hostname: asString(description.Hostname),
    role: oneOf(spec.Role, ['manager', 'worker'] as const) ?? 'worker',
    availability: oneOf(spec.Availability, ['active', 'pause', 'drain'] as const) ?? 'active',
    state: oneOf(status.State, ['unknown', 'down', 'ready', 'disconnected'] as const) ?? 'unknown',
    addr: asString(status.Addr),
    leader: asBoolean(manager.Leader),
    ...(reachability === undefined ? {} : { managerReachability: reachability }),
    ...(engineVersion === undefined ? {} : { engineVersion }),
    ...(managerAddr === undefined ? {} : { managerAddr }),
    resources: {
      nanoCpus: asOptionalNumber(resources.NanoCPUs),
      memoryBytes: asOptionalNumber(resources.MemoryBytes),
    },
    platform: {
      os: asOptionalString(platform.OS),
      architecture: asOptionalString(platform.Architecture),
    },
    labels: asStringMap(spec.Labels),
    version: asNumber(asObject(item.Version).Index),
  }
}

/**
 * Maps a `GET /secrets` or `GET /configs` item to metadata. Fields are picked one by one so that
 * `Spec.Data` (a config's base64 content; secrets never carry it) cannot leak into the model.
 */
export function toSwarmSecret(wire: unknown): SwarmSecret {
  const item = asObject(wire)
  const spec = asObject(item.Spec)
  return {
    id: asString(item.ID),
    name: asString(spec.Name),
    labels: asStringMap(spec.Labels),
    createdAt: asString(item.CreatedAt),
    updatedAt: asString(item.UpdatedAt),
  }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value)
}
