import type { Container } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import type { RegisteredHost } from '../hosts/index.ts'
import { inScope } from '../policy/index.ts'

/** How long a list answer read from the engine is shared with later askers. */
const LIST_REUSE_MS = 250

/**
 * The host's containers as the engine lists them: from the host's event-fed model when it is in
 * sync, else one engine read shared by concurrent askers (so no caller's signal may cancel it).
 * Sizes are never in the model: they are computed on demand. Every view that needs containers
 * (the table, images in use, network and volume users, disk usage) goes through here.
 */
export async function listContainers(
  c: HostContext,
  options: { all: boolean; size?: boolean },
): Promise<Container[]> {
  return listHostContainers(c.var.host, options)
}

/** listContainers for code that holds a host rather than a host route's context. */
export async function listHostContainers(
  host: RegisteredHost,
  options: { all: boolean; size?: boolean },
): Promise<Container[]> {
  const { all, size = false } = options
  const fromModel = size ? undefined : await host.containers.list({ all })
  if (fromModel) return fromModel
  return host.reads.run(
    `containers?all=${all}&size=${size}`,
    () => host.engine.containers.list({ all, size }),
    LIST_REUSE_MS,
  )
}

/** The containers the caller may see (all of them without a label scope), in any state. */
export async function visibleContainers(c: HostContext): Promise<Container[]> {
  const containers = await listContainers(c, { all: true })
  return containers.filter((container) => inScope(c.var.grant, container.labels))
}
