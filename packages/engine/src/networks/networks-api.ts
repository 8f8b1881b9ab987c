import { apiAtLeast } from '../api-version.ts'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import { isPodman, PODMAN_DEFAULT_NETWORK } from '../podman/podman-shapes.ts'
import type { Filters } from '../query.ts'
import { asArray, asObject, asOptionalString, asString, asStringArray } from '../wire/wire-read.ts'
import { toNetwork, toNetworkDetails } from './to-network.ts'
import type { Network, NetworkCreateSpec } from './types.ts'

export interface ConnectNetworkOptions extends CallOptions {
  /** Extra DNS names for the container on this network. */
  aliases?: string[] | undefined
  /** A fixed address; needs a user-defined network with a subnet. */
  ipv4Address?: string | undefined
}

/** Networks: list, inspect, create, connect/disconnect containers, remove (docs/engine.md#networks-across-versions). */
export class NetworksApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /** Lists networks; filter keys: `dangling`, `driver`, `id`, `label`, `name`, `scope`, `type`. */
  async list(options: CallOptions & { filters?: Filters } = {}): Promise<Network[]> {
    const wire = await this.#client.json<unknown>(
      { method: 'GET', path: '/networks', query: { filters: options.filters } },
      options,
    )
    const networks = asArray(wire).map(toNetwork)
    if (!(await isPodman(this.#client, options))) return networks
    // Podman's list alone calls its default network `bridge` (docs/engine.md#podman).
    return networks.map((network) =>
      network.name === 'bridge'
        ? { ...network, name: PODMAN_DEFAULT_NETWORK, isEngineDefault: true }
        : network,
    )
  }

  /**
   * Inspects a network by id or name, with its attached containers.
   *
   * @throws {EngineNotFoundError} when there is no such network.
   */
  async inspect(id: string, options: CallOptions = {}): Promise<Network> {
    const path = `/networks/${encodeURIComponent(id)}`
    const network = toNetworkDetails(
      await this.#client.json<unknown>({ method: 'GET', path }, options),
    )
    const isPodmanDefault =
      network.name === PODMAN_DEFAULT_NETWORK && (await isPodman(this.#client, options))
    return isPodmanDefault ? { ...network, isEngineDefault: true } : network
  }

  /** @returns the new network's id and the engine's warning, if any. */
  async create(
    spec: NetworkCreateSpec,
    options: CallOptions = {},
  ): Promise<{ id: string; warning?: string }> {
    const { apiVersion } = await this.#client.connect(options)
    const body = {
      Name: spec.name,
      Driver: spec.driver,
      Internal: spec.internal,
      Attachable: spec.attachable,
      EnableIPv6: spec.enableIPv6,
      Labels: spec.labels,
      Options: spec.options,
      ...(spec.ipam
        ? {
            IPAM: {
              Driver: 'default',
              Config: [
                {
                  Subnet: spec.ipam.subnet,
                  Gateway: spec.ipam.gateway,
                  IPRange: spec.ipam.ipRange,
                },
              ],
            },
          }
        : {}),
      // Engines before 1.44 accept a second network with the same name unless asked not to
      // (docs/engine.md#networks-across-versions); from 1.44 duplicates are always refused and the field is deprecated.
      ...(apiAtLeast(apiVersion, '1.44') ? {} : { CheckDuplicate: true }),
    }
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/networks/create', json: body },
        options,
      ),
    )
    const warning = asOptionalString(wire.Warning)
    return { id: asString(wire.Id), ...(warning === undefined ? {} : { warning }) }
  }

  /** Attaches a container; a running container gets the new interface at once. */
  async connect(
    network: string,
    container: string,
    options: ConnectNetworkOptions = {},
  ): Promise<void> {
    const { aliases, ipv4Address } = options
    const endpoint = {
      ...(aliases && aliases.length > 0 ? { Aliases: aliases } : {}),
      ...(ipv4Address ? { IPAMConfig: { IPv4Address: ipv4Address } } : {}),
    }
    const json = {
      Container: container,
      ...(Object.keys(endpoint).length > 0 ? { EndpointConfig: endpoint } : {}),
    }
    await this.#client.send(
      { method: 'POST', path: `/networks/${encodeURIComponent(network)}/connect`, json },
      options,
    )
  }

  /** Attaches a container with an endpoint config in the engine's shape (recreate-body.ts). */
  async connectWire(
    network: string,
    container: string,
    endpoint: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<void> {
    const json = { Container: container, EndpointConfig: endpoint }
    await this.#client.send(
      { method: 'POST', path: `/networks/${encodeURIComponent(network)}/connect`, json },
      options,
    )
  }

  async disconnect(
    network: string,
    container: string,
    options: CallOptions & { force?: boolean } = {},
  ): Promise<void> {
    const json = { Container: container, Force: options.force ?? false }
    await this.#client.send(
      { method: 'POST', path: `/networks/${encodeURIComponent(network)}/disconnect`, json },
      options,
    )
  }

  /** @throws {EngineError} while containers are attached (403 in the v1.51 reference). */
  async remove(id: string, options: CallOptions = {}): Promise<void> {
    await this.#client.send(
      { method: 'DELETE', path: `/networks/${encodeURIComponent(id)}` },
      options,
    )
  }

  /** Removes networks no container uses; filter keys `until`, `label`, `label!`. */
  async prune(options: CallOptions & { filters?: Filters } = {}): Promise<{ deleted: string[] }> {
    const wire = asObject(
      await this.#client.json<unknown>(
        { method: 'POST', path: '/networks/prune', query: { filters: options.filters } },
        options,
      ),
    )
    return { deleted: asStringArray(wire.NetworksDeleted) }
  }
}
