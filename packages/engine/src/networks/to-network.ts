import {
  type WireObject,
  asArray,
  asBoolean,
  asObject,
  asOptionalString,
  asString,
  asStringMap,
  asTimestamp,
} from '../wire/wire-read.ts'
import type { Network, NetworkContainer, NetworkIpamConfig } from './types.ts'

/**
 * Maps a `GET /networks` item. Attached containers are left out even when the wire has them:
 * from 1.28 lists send none or an empty map (docs/engine.md#networks-across-versions), which would read as "unused".
 */
export function toNetwork(wire: unknown): Network {
  const item = asObject(wire)
  const ipam = asObject(item.IPAM)
  const created = asTimestamp(item.Created)
  return {
    id: asString(item.Id ?? item.ID),
    name: asString(item.Name),
    driver: asString(item.Driver),
    scope: asString(item.Scope, 'local'),
    internal: asBoolean(item.Internal),
    attachable: asBoolean(item.Attachable),
    ingress: asBoolean(item.Ingress),
    enableIPv6: asBoolean(item.EnableIPv6),
    // The predefined networks report the zero time (seed 002), which asTimestamp drops.
    ...(created === undefined ? {} : { created }),
    labels: asStringMap(item.Labels),
    ipam: {
      driver: asString(ipam.Driver, 'default'),
      config: asArray(ipam.Config).map(toIpamConfig),
    },
    options: asStringMap(item.Options),
  }
}

/** Maps `GET /networks/{id}`, which also lists the attached containers. */
export function toNetworkDetails(wire: unknown): Network {
  const containers: Record<string, NetworkContainer> = {}
  for (const [id, endpoint] of Object.entries(asObject(asObject(wire).Containers))) {
    containers[id] = toNetworkContainer(asObject(endpoint))
  }
  return { ...toNetwork(wire), containers }
}

function toIpamConfig(wire: unknown): NetworkIpamConfig {
  const config = asObject(wire)
  const subnet = asOptionalString(config.Subnet)
  const gateway = asOptionalString(config.Gateway)
  const ipRange = asOptionalString(config.IPRange)
  return {
    ...(subnet === undefined ? {} : { subnet }),
    ...(gateway === undefined ? {} : { gateway }),
    ...(ipRange === undefined ? {} : { ipRange }),
  }
}

function toNetworkContainer(endpoint: WireObject): NetworkContainer {
  const fields = {
    name: asOptionalString(endpoint.Name),
    ipv4Address: asOptionalString(endpoint.IPv4Address),
    ipv6Address: asOptionalString(endpoint.IPv6Address),
    macAddress: asOptionalString(endpoint.MacAddress),
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
}
