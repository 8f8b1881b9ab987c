import type { NetworkDetails, NetworkSummary } from '@harbormaster/contract'
import type { Network } from '@harbormaster/engine'

/** The engine's own networks: they always exist and cannot be removed. */
const PREDEFINED = new Set(['bridge', 'host', 'none'])

type NetworkBase = Omit<NetworkSummary, 'containerCount'>

function toNetworkBase(network: Network): NetworkBase {
  return {
    id: network.id,
    name: network.name,
    driver: network.driver,
    scope: network.scope,
    internal: network.internal,
    attachable: network.attachable,
    ingress: network.ingress,
    created: network.created,
    labels: network.labels,
    ipam: network.ipam.config,
    predefined: network.isEngineDefault === true || PREDEFINED.has(network.name),
  }
}

/** Engine domain → API DTO: the API changes only when we change it, not when the engine does. */
export function toNetworkSummary(network: Network, containerCount: number): NetworkSummary {
  return { ...toNetworkBase(network), containerCount }
}

/** @param visible whether the caller may see the container with this id. */
export function toNetworkDetails(
  network: Network,
  visible: (containerId: string) => boolean,
): NetworkDetails {
  return {
    ...toNetworkBase(network),
    enableIPv6: network.enableIPv6,
    options: network.options,
    containers: Object.entries(network.containers ?? {})
      .filter(([id]) => visible(id))
      .map(([id, endpoint]) => ({ id, ...endpoint })),
  }
}
