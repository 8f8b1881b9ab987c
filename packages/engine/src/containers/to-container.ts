import {
  type WireObject,
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
  asStringArray,
  asStringMap,
  stripSlash,
} from '../wire/wire-read.ts'
import { stateFromStatus } from './legacy-shapes.ts'
import type {
  Container,
  ContainerMount,
  ContainerState,
  HealthStatus,
  NetworkEndpoint,
  PortMapping,
} from './types.ts'

const STATES: readonly ContainerState[] = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]

/** Maps a `GET /containers/json` item (docs/engine.md#container-lists-and-names). */
export function toContainer(wire: unknown): Container {
  const item = asObject(wire)
  const status = asString(item.Status)
  const health = healthFromStatus(status)
  const networkMode = asOptionalString(asObject(item.HostConfig).NetworkMode)
  const sizeRw = asOptionalNumber(item.SizeRw)
  const sizeRootFs = asOptionalNumber(item.SizeRootFs)
  return {
    id: asString(item.Id ?? item.ID),
    name: primaryName(asStringArray(item.Names)),
    image: asString(item.Image),
    imageId: asString(item.ImageID),
    command: asString(item.Command),
    created: asNumber(item.Created),
    state: item.State === undefined ? stateFromStatus(status) : toContainerState(item.State),
    status,
    ...(health ? { health } : {}),
    ports: asArray(item.Ports).map(toPortMapping),
    labels: asStringMap(item.Labels),
    ...(networkMode ? { networkMode } : {}),
    networks: toNetworks(asObject(item.NetworkSettings).Networks),
    mounts: asArray(item.Mounts).map(toMount),
    ...(sizeRw === undefined ? {} : { sizeRw }),
    ...(sizeRootFs === undefined ? {} : { sizeRootFs }),
  }
}

/** Lower-cases the state (the v1.23 reference shows "Exited") and falls back to "created". */
export function toContainerState(value: unknown): ContainerState {
  const text = asString(value).toLowerCase()
  return STATES.find((state) => state === text) ?? 'created'
}

/**
 * A container used as a legacy link target also lists `/other/alias`, not necessarily first:
 * the real name is the one with a single slash (docs/engine.md#container-lists-and-names).
 */
export function primaryName(names: string[]): string {
  const own = names.find((name) => !stripSlash(name).includes('/')) ?? names[0] ?? ''
  return stripSlash(own)
}

function healthFromStatus(status: string): HealthStatus | undefined {
  if (status.includes('(healthy)')) return 'healthy'
  if (status.includes('(unhealthy)')) return 'unhealthy'
  if (status.includes('(health: starting)')) return 'starting'
  return undefined
}

function toPortMapping(wire: unknown): PortMapping {
  const port = asObject(wire)
  const publicPort = asOptionalNumber(port.PublicPort)
  const ip = asOptionalString(port.IP)
  return {
    privatePort: asNumber(port.PrivatePort),
    type: toPortType(port.Type),
    ...(publicPort === undefined ? {} : { publicPort }),
    ...(ip ? { ip } : {}),
  }
}

export function toPortType(value: unknown): PortMapping['type'] {
  return value === 'udp' || value === 'sctp' ? value : 'tcp'
}

/** One container port of an engine port map and the host bindings listed under it. */
export interface PortMapEntry {
  port: number
  protocol: PortMapping['type']
  bindings: { hostIp: string; hostPort: number }[]
}

/**
 * Reads the engine's port map, `{"80/tcp": [{HostIp, HostPort}] | null}`: the shape of both
 * `HostConfig.PortBindings` (as asked) and `NetworkSettings.Ports` (as bound). `HostPort` is a
 * string on the wire; `''` or absent reads as 0.
 */
export function readPortMap(wire: unknown): PortMapEntry[] {
  return Object.entries(asObject(wire)).map(([key, list]) => {
    const [port = '0', proto] = key.split('/')
    return {
      port: Number(port),
      protocol: toPortType(proto),
      bindings: asArray(list)
        .map(asObject)
        .map((binding) => ({
          hostIp: asString(binding.HostIp),
          hostPort: asNumber(binding.HostPort),
        })),
    }
  })
}

export function toMount(wire: unknown): ContainerMount {
  const mount = asObject(wire)
  const name = asOptionalString(mount.Name)
  const driver = asOptionalString(mount.Driver)
  return {
    type: asString(mount.Type, 'volume'),
    ...(name ? { name } : {}),
    source: asString(mount.Source),
    destination: asString(mount.Destination),
    mode: asString(mount.Mode),
    readWrite: mount.RW === undefined ? true : asBoolean(mount.RW),
    ...(driver ? { driver } : {}),
  }
}

export function toNetworks(wire: unknown): Record<string, NetworkEndpoint> {
  const result: Record<string, NetworkEndpoint> = {}
  for (const [name, value] of Object.entries(asObject(wire))) {
    result[name] = toNetworkEndpoint(asObject(value))
  }
  return result
}

function toNetworkEndpoint(endpoint: WireObject): NetworkEndpoint {
  const optional = {
    ipAddress: asOptionalString(endpoint.IPAddress),
    ipPrefixLength: asOptionalNumber(endpoint.IPPrefixLen),
    gateway: asOptionalString(endpoint.Gateway),
    macAddress: asOptionalString(endpoint.MacAddress),
    ipv6Address: asOptionalString(endpoint.GlobalIPv6Address),
  }
  return {
    networkId: asString(endpoint.NetworkID),
    aliases: asStringArray(endpoint.Aliases),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== 0)),
  }
}
