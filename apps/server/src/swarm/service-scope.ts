import type { Service } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'
import { swarmServices } from './swarm-reads.ts'

/** The services the caller may see (all of them without a label scope). */
export async function visibleServices(c: HostContext): Promise<Service[]> {
  const services = await swarmServices(c)
  return services.filter((service) => inScope(c.var.grant, service.labels))
}

/**
 * Finds a service by full id, id prefix or name, and hides it (404) when it is outside the
 * caller's label scope. The engine has no inspect in our client, so this is a filtered list.
 */
export async function resolveService(c: HostContext, idOrName: string): Promise<Service> {
  const signal = c.req.raw.signal
  const byId = await c.var.engine.swarm.services({ filters: { id: [idOrName] }, signal })
  const found =
    byId.find((s) => s.id === idOrName) ??
    (byId.length === 1 ? byId[0] : undefined) ??
    (await c.var.engine.swarm.services({ filters: { name: [idOrName] }, signal })).find(
      (s) => s.name === idOrName,
    )
  if (!found || !inScope(c.var.grant, found.labels)) {
    throw new ApiError(404, 'not_found', `No such service: ${idOrName}`)
  }
  return found
}
