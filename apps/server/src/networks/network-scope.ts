import type { Container, Network } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'

/**
 * Resolves a network the caller names by id, id prefix or name, and hides it (404) when it is
 * outside the caller's label scope, so lookups are scoped exactly like lists.
 */
export async function resolveNetwork(c: HostContext, idOrName: string): Promise<Network> {
  const network = await c.var.engine.networks.inspect(idOrName, { signal: c.req.raw.signal })
  if (!inScope(c.var.grant, network.labels)) {
    throw new ApiError(404, 'not_found', `No such network: ${idOrName}`)
  }
  return network
}

/** The network to act on: scoped callers get the resolved full id; others the name they gave. */
export async function networkTarget(c: HostContext, idOrName: string): Promise<string> {
  if (c.var.grant.labelScope === undefined) return idOrName
  return (await resolveNetwork(c, idOrName)).id
}

/**
 * Containers configured on each network, by network id, from one container list: network lists
 * stopped carrying their containers in API 1.28, and inspecting every network costs a call each.
 * Counted by the network's name, which keys the container's endpoints: the network id on an
 * endpoint is empty until the container first starts, and stale once the engine re-creates a
 * network (its default bridge, at a restart) until the container starts again.
 */
export function countByNetwork(
  containers: readonly Container[],
  networks: readonly Network[],
): Map<string, number> {
  const idByName = new Map(networks.map((network) => [network.name, network.id]))
  const counts = new Map<string, number>()
  for (const container of containers) {
    for (const [name, endpoint] of Object.entries(container.networks)) {
      const id = idByName.get(name) ?? endpoint.networkId
      if (id === '') continue
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  }
  return counts
}
