import type { HostContext } from '../app-env.ts'
import { EVENT_KEPT_LIST_MS } from '../platform/single-flight.ts'
import type { HostPathRules } from '../policy/index.ts'

/**
 * The host paths rules of this host: the admin's entries, and, when host paths are in play, the
 * engine's own places (its data root) and its socket. Used by the create policy and by the
 * admin-only check of existing containers, so both judge a bind the same way.
 */
export async function hostPathRules(
  c: HostContext,
  withEnginePlaces: boolean,
): Promise<HostPathRules> {
  const host = c.var.host
  const allowedBindPrefixes = host.allowedBindPrefixes
  if (!withEnginePlaces) return { allowedBindPrefixes }
  // The data root changes only with an engine restart, which drops the host's shared answers.
  const info = await host.reads.run(
    'engine-info',
    () => c.var.engine.system.info(),
    EVENT_KEPT_LIST_MS,
  )
  const socket = host.address.startsWith('unix://') ? host.address.slice('unix://'.length) : ''
  return {
    allowedBindPrefixes,
    engineOwnedPaths: info.dockerRootDir === '' ? [] : [info.dockerRootDir],
    engineSockets: socket === '' ? [] : [socket],
  }
}
