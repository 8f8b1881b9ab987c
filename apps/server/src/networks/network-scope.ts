import type { Container, Network } from '@harbormaster/engine'
import type { Context } from 'hono'
import type { AppEnv } from '../platform/app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'

/**
 * Resolves a network the caller names by id, id prefix or name, and hides it (404) when it is
 * outside the caller's label scope, so lookups are scoped exactly like lists.
 */
export async function resolveNetwork(c: Context<AppEnv>, idOrName: string): Promise<Network> {
  const network = await c.var.engine.networks.inspect(idOrName, { signal: c.req.raw.signal })
  if (!inScope(c.var.grant, network.labels)) {
    throw new ApiError(404, 'not_found', `No such network: ${idOrName}`)
  }
  return network
}

/** The network to act on: scoped callers get the resolved full id; others the name they gave. */
export async function networkTarget(c: Context<AppEnv>, idOrName: string): Promise<string> {
  if (c.var.grant.labelScope === undefined) return idOrName
  return (await resolveNetwork(c, idOrName)).id
}

/**
 * Containers configured on each network, by network id, from one container list: network lists
 * stopped carrying their containers in API 1.28, and inspecting every network costs a call each.
 */
export function countByNetwork(containers: readonly Container[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const container of containers) {
    for (const endpoint of Object.values(container.networks)) {
      if (endpoint.networkId === '') continue
      counts.set(endpoint.networkId, (counts.get(endpoint.networkId) ?? 0) + 1)
    }
  }
  return counts
}
