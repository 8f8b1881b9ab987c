import type { Volume } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inScope } from '../policy/index.ts'

/** Inspects a volume and hides it (404) when it is outside the caller's label scope. */
export async function resolveVolume(c: HostContext, name: string): Promise<Volume> {
  const volume = await c.var.engine.volumes.inspect(name, { signal: c.req.raw.signal })
  if (!inScope(c.var.grant, volume.labels)) {
    throw new ApiError(404, 'not_found', `No such volume: ${name}`)
  }
  return volume
}
