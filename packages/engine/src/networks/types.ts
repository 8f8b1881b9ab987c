/** The network model the engine package hands out: normalised across API 1.24–1.51 and Podman. */

export interface NetworkIpamConfig {
  /** CIDR, e.g. `172.20.0.0/16`. */
  subnet?: string | undefined
  gateway?: string | undefined
  /** CIDR the engine allocates container addresses from, inside `subnet`. */
  ipRange?: string | undefined
}

/** A container attached to a network, as `GET /networks/{id}` reports it. */
export interface NetworkContainer {
  /** Absent before API 1.24 shapes (seed 000 lists endpoints without a name). */
  name?: string
  /** CIDR notation, e.g. `172.19.0.2/16`. */
  ipv4Address?: string
  ipv6Address?: string
  macAddress?: string
}

/** A network from `GET /networks` or `GET /networks/{id}`. */
export interface Network {
  id: string
  name: string
  /** `bridge`, `host`, `null`, `overlay`, `macvlan`, a plugin… */
  driver: string
  /** `local`, `global` or `swarm`. */
  scope: string
  internal: boolean
  attachable: boolean
  /** The swarm routing-mesh network (1.29+). */
  ingress: boolean
  enableIPv6: boolean
  /** RFC 3339 (1.25+); absent for the predefined `host` and `none` networks. */
  created?: string
  labels: Record<string, string>
  ipam: { driver: string; config: NetworkIpamConfig[] }
  /**
   * Attached containers by container id. Only `inspect` fills this: lists stopped carrying it in
   * API 1.28 (docs/engine.md#networks-across-versions), so a list never claims a network is unused.
   */
  containers?: Record<string, NetworkContainer>
  /** Driver options such as `com.docker.network.bridge.name`. */
  options: Record<string, string>
  /**
   * The engine's own default network, which always exists (set on Podman's `podman`; Docker's
   * predefined networks are known by name: `bridge`, `host`, `none`).
   */
  isEngineDefault?: true
}

/** What `NetworksApi.create` sends. */
export interface NetworkCreateSpec {
  name: string
  /** Default `bridge`. */
  driver?: string | undefined
  /** No route to the outside world. */
  internal?: boolean | undefined
  /** Lets standalone containers join a swarm-scoped network. */
  attachable?: boolean | undefined
  labels?: Record<string, string> | undefined
  options?: Record<string, string> | undefined
  /** One IPv4 pool; without it the engine picks a free subnet. */
  ipam?: NetworkIpamConfig | undefined
  enableIPv6?: boolean | undefined
}
