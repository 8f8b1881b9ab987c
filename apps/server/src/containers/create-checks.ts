import type { ContainerCreateInput } from '@harbormaster/contract'
import { type ContainerCreateSpec, EngineNotFoundError, apiAtLeast } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { withReadOnlyBindsConfined } from './confine-binds.ts'
import { hostPathRules } from './host-path-rules.ts'
import { hostPathVolumeSettings, inspectVolumes } from './named-volumes.ts'
import {
  bindsHostPaths,
  inScope,
  labelsWithinScope,
  may,
  namedVolumesOf,
  refusedContainerSettings,
} from '../policy/index.ts'

/** `networkMode` values that are the engine's own modes, not a network the caller names. */
const ENGINE_NETWORK_MODES = new Set(['', 'bridge', 'default', 'none', 'host'])

/**
 * Checks a create request against the caller's grant and label scope, and returns the spec to
 * send. Settings only an admin may use are a 403 naming each, unless the caller has
 * `container.create.unrestricted`; every object the body names (a volume, a network) passes the
 * same scope check as a lookup, so one out of scope is a 404 and nothing is created. A volume
 * that does not exist yet is created here with the scope label (the engine would create it
 * unlabelled, outside the caller's scope), and a network is sent by the id we checked, so the
 * engine cannot resolve the name to another one meanwhile.
 */
export async function checkedCreateSpec(
  c: HostContext,
  spec: ContainerCreateInput,
): Promise<ContainerCreateSpec> {
  const unrestricted = may(c, 'container.create.unrestricted')
  const scope = c.var.grant.labelScope
  if (!unrestricted) {
    const refused = refusedContainerSettings(spec, await hostPathRules(c, bindsHostPaths(spec)))
    if (refused.length > 0) throw forbidden(refused)
  }
  const confined = unrestricted ? spec : await confinedForOperator(c, spec)
  if (unrestricted && scope === undefined) return spec
  const volumes = await inspectVolumes(c, namedVolumesOf(spec))
  for (const [name, volume] of volumes) {
    if (volume && !inScope(c.var.grant, volume.labels)) throw noSuch('volume', name)
  }
  if (!unrestricted) {
    const refused = hostPathVolumeSettings(volumes)
    if (refused.length > 0) throw forbidden(refused)
  }
  const networkMode = scope === undefined ? spec.networkMode : await scopedNetwork(c, spec)
  if (scope !== undefined) {
    for (const [name, volume] of volumes) if (!volume) await createScopedVolume(c, name, scope)
  }
  return networkMode === undefined ? confined : { ...confined, networkMode }
}

/** An operator's read-only host paths, confined (confine-binds.ts), where the engine can. */
async function confinedForOperator(
  c: HostContext,
  spec: ContainerCreateInput,
): Promise<ContainerCreateSpec> {
  const confined = withReadOnlyBindsConfined(spec)
  const needsNonRecursive = (confined.mounts ?? []).some((m) => m.nonRecursive === true)
  // Older engines ignore the option, leaving mounts below a read-only path writable.
  if (needsNonRecursive && !apiAtLeast((await c.var.engine.connect()).apiVersion, '1.40')) {
    throw forbidden(['read-only host paths (this engine is older than API 1.40)'])
  }
  return confined
}

/** The network a scoped caller names, checked like a lookup and sent by its full id. */
async function scopedNetwork(
  c: HostContext,
  spec: ContainerCreateInput,
): Promise<string | undefined> {
  const mode = spec.networkMode
  if (mode === undefined || ENGINE_NETWORK_MODES.has(mode) || mode.startsWith('container:'))
    return mode
  try {
    const network = await c.var.engine.networks.inspect(mode, { signal: c.req.raw.signal })
    if (inScope(c.var.grant, network.labels)) return network.id
  } catch (err) {
    if (!(err instanceof EngineNotFoundError)) throw err
  }
  throw noSuch('network', mode)
}

/**
 * Creates a named volume with the scope label. Creating a name that exists answers with the
 * existing volume: one made meanwhile by someone else is refused like any other out of scope.
 */
async function createScopedVolume(c: HostContext, name: string, scope: string) {
  const labels = labelsWithinScope(undefined, scope) ?? {}
  const volume = await c.var.engine.volumes.create({ name, labels }, { signal: c.req.raw.signal })
  if (!inScope(c.var.grant, volume.labels)) throw noSuch('volume', name)
}

function forbidden(refused: readonly string[]): ApiError {
  return new ApiError(403, 'forbidden', `Only an admin may use: ${refused.join(', ')}`)
}

function noSuch(kind: 'volume' | 'network', name: string): ApiError {
  return new ApiError(404, 'not_found', `No such ${kind}: ${name}`)
}
