import { EngineNotFoundError, type Volume } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { isHostPathVolume } from '../policy/index.ts'

/** Each named volume, inspected; undefined for one that does not exist (yet, or any more). */
export async function inspectVolumes(
  c: HostContext,
  names: readonly string[],
): Promise<Map<string, Volume | undefined>> {
  const found = new Map<string, Volume | undefined>()
  for (const name of names) {
    try {
      found.set(name, await c.var.engine.volumes.inspect(name, { signal: c.req.raw.signal }))
    } catch (err) {
      if (!(err instanceof EngineNotFoundError)) throw err
      found.set(name, undefined)
    }
  }
  return found
}

/**
 * The local volumes among these that are host paths in disguise (bind options), named as the
 * create policy's 403 and the admin-only check name them.
 */
export function hostPathVolumeSettings(volumes: ReadonlyMap<string, Volume | undefined>): string[] {
  return [...volumes]
    .filter(([, v]) => v !== undefined && isHostPathVolume(v.driver, v.options))
    .map(([name]) => `volume "${name}" (local driver with bind options)`)
}
