import type { ContainerDetails } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'

/**
 * Resolves a container the caller names by full id, id prefix or name, and hides it (404, the
 * engine's own words) when it is outside the caller's label scope on this host. Every route and
 * socket that takes a container goes through here, so lookups are scoped exactly like lists.
 */
export async function resolveContainer(
  c: HostContext,
  idOrName: string,
): Promise<ContainerDetails> {
  const details = await c.var.engine.containers.inspect(idOrName, { signal: c.req.raw.signal })
  if (!inScope(c.var.grant, details.config.labels)) {
    throw new ApiError(404, 'not_found', `No such container: ${idOrName}`)
  }
  return details
}

/** The id to act on: scoped callers get the resolved full id; others the name they gave. */
export async function containerTarget(c: HostContext, idOrName: string): Promise<string> {
  if (c.var.grant.labelScope === undefined) return idOrName
  return (await resolveContainer(c, idOrName)).id
}
