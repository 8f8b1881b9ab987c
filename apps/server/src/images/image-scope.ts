import { EngineNotFoundError } from '@harbormaster/engine'
import { listContainers } from '../containers/index.ts'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'
import type { ImageUser } from './to-image-dto.ts'

/**
 * Which containers use each image, by image id, from one container list (the image list's own
 * `Containers` count is "unknown" before API 1.51). Only containers inside the caller's label
 * scope are counted, so a row never reveals a container the caller may not see.
 */
export async function imageUsers(c: HostContext): Promise<Map<string, ImageUser[]>> {
  const containers = await listContainers(c, { all: true })
  const users = new Map<string, ImageUser[]>()
  for (const container of containers) {
    if (!inScope(c.var.grant, container.labels)) continue
    const list = users.get(container.imageId) ?? []
    list.push({ id: container.id, name: container.name })
    users.set(container.imageId, list)
  }
  return users
}

/**
 * Images are a host-wide resource that every role with access to the host may read, but a caller
 * with a label scope may change (tag, remove) only images carrying that scope's label: anything
 * else is a 404, as for containers. The caller's reference is kept (removing `app:1` untags that
 * reference only, where removing by id would remove every tag).
 */
export async function assertImageInScope(c: HostContext, ref: string): Promise<void> {
  if (c.var.grant.labelScope === undefined) return
  const details = await c.var.engine.images.inspect(ref, { signal: c.req.raw.signal })
  if (!inScope(c.var.grant, details.config.labels)) {
    throw new ApiError(404, 'not_found', `No such image: ${ref}`)
  }
}

/**
 * A reference a scoped caller writes (tag, build, import) must not name another scope's image:
 * the engine would move that name to the caller's image, and whoever runs it next would run the
 * caller's. A reference naming no image yet is free; one naming an image out of scope is a 404,
 * as a lookup of it would be.
 */
export async function assertTargetsInScope(c: HostContext, refs: readonly string[]): Promise<void> {
  if (c.var.grant.labelScope === undefined) return
  for (const ref of refs) {
    try {
      await assertImageInScope(c, withTag(ref))
    } catch (err) {
      if (!(err instanceof EngineNotFoundError)) throw err
    }
  }
}

/** `app` is `app:latest` to the engine; inspecting `app` could match an image id prefix instead. */
function withTag(ref: string): string {
  const name = ref.slice(ref.lastIndexOf('/') + 1)
  return ref.includes('@') || name.includes(':') ? ref : `${ref}:latest`
}
