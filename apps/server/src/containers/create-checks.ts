import type { ContainerCreateInput } from '@harbormaster/contract'
import { type ContainerCreateSpec, EngineNotFoundError, apiAtLeast } from '@harbormaster/engine'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { withReadOnlyBindsConfined } from './confine-binds.ts'
import { hostPathRules } from './host-path-rules.ts'
import { hostPathVolumeSettings, inspectVolumes } from './named-volumes.ts'
import {
  type SettingRefusal,
  bindsHostPaths,
  containerSettingRefusals,
  inScope,
  labelsWithinScope,
  may,
  namedVolumesOf,
  refusalMessage,
} from '../policy/index.ts'

/** `networkMode` values that are the engine's own modes, not a network the caller names. */
const ENGINE_NETWORK_MODES = new Set(['', 'bridge', 'default', 'none', 'host'])

/** A network to connect the new container to after its create, with its endpoint settings. */
export interface NetworkToConnect {
  network: string
  aliases?: string[] | undefined
  ipv4Address?: string | undefined
}

/** The spec to send, and the networks beyond the first to connect before the start. */
export interface CheckedCreate {
  spec: ContainerCreateSpec
  connect: NetworkToConnect[]
}

/**
 * The settings of a create request this caller may not use, each with where it is in the
 * request: none for a caller with `container.create.unrestricted`. The one judgement of a create
 * body, shared by the container create route and by stacks (which map each back to its compose
 * key and line).
 */
export async function settingRefusals(
  c: HostContext,
  spec: ContainerCreateInput,
): Promise<SettingRefusal[]> {
  if (may(c, 'container.create.unrestricted')) return []
  return containerSettingRefusals(spec, await hostPathRules(c, bindsHostPaths(spec)))
}

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
): Promise<CheckedCreate> {
  const unrestricted = may(c, 'container.create.unrestricted')
  const scope = c.var.grant.labelScope
  const refused = await settingRefusals(c, spec)
  if (refused.length > 0) throw new ApiError(403, 'forbidden', refusalMessage(refused))
  const confined = unrestricted ? withoutNetworks(spec) : await confinedForOperator(c, spec)
  if (unrestricted && scope === undefined) return withNetworks(confined, spec.networks)
  const volumes = await inspectVolumes(c, namedVolumesOf(spec))
  for (const [name, volume] of volumes) {
    if (volume && !inScope(c.var.grant, volume.labels)) throw noSuch('volume', name)
  }
  if (!unrestricted) {
    const inDisguise = hostPathVolumeSettings(volumes)
    if (inDisguise.length > 0) throw new ApiError(403, 'forbidden', refusalMessage(inDisguise))
  }
  const networkMode =
    scope === undefined ? spec.networkMode : await scopedNetwork(c, spec.networkMode)
  const networks =
    scope === undefined
      ? spec.networks
      : await Promise.all(
          (spec.networks ?? []).map(async (n) => ({
            ...n,
            name: (await scopedNetwork(c, n.name)) ?? n.name,
          })),
        )
  if (scope !== undefined) {
    for (const [name, volume] of volumes) if (!volume) await createScopedVolume(c, name, scope)
  }
  const checked = networkMode === undefined ? confined : { ...confined, networkMode }
  return withNetworks(checked, spec.networks === undefined ? undefined : networks)
}

/** The create spec without the contract's `networks`, which the engine spec spells otherwise. */
function withoutNetworks(spec: ContainerCreateInput): ContainerCreateSpec {
  const rest: ContainerCreateInput = { ...spec }
  delete rest.networks
  return rest
}

/**
 * The first network as the network mode with its endpoint settings (the engine takes one at
 * create before API 1.44), the others to connect after the create, as the compose CLI does.
 */
function withNetworks(
  spec: ContainerCreateSpec,
  networks: ContainerCreateInput['networks'],
): CheckedCreate {
  const [first, ...rest] = networks ?? []
  if (!first) return { spec, connect: [] }
  return {
    spec: {
      ...spec,
      networkMode: first.name,
      endpoint: { aliases: first.aliases, ipv4Address: first.ipv4Address },
    },
    connect: rest.map((n) => ({ network: n.name, aliases: n.aliases, ipv4Address: n.ipv4Address })),
  }
}

/** An operator's read-only host paths, confined (confine-binds.ts), where the engine can. */
async function confinedForOperator(
  c: HostContext,
  spec: ContainerCreateInput,
): Promise<ContainerCreateSpec> {
  const confined = withReadOnlyBindsConfined(withoutNetworks(spec))
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
  mode: string | undefined,
): Promise<string | undefined> {
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
  return new ApiError(403, 'forbidden', refusalMessage(refused))
}

function noSuch(kind: 'volume' | 'network', name: string): ApiError {
  return new ApiError(404, 'not_found', `No such ${kind}: ${name}`)
}
