import type { ContainerDetails } from '@harbormaster/engine'
import type { RegisteredHost } from '../hosts/index.ts'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { type EngineDefaults, adminOnlySettings, localVolumesOf, may } from '../policy/index.ts'
import { hostPathRules } from './host-path-rules.ts'
import { hostPathVolumeSettings, inspectVolumes } from './named-volumes.ts'

/** The runtime and cgroup defaults change only with a daemon restart: asked once a minute. */
const DEFAULTS_TTL_MS = 60_000

/**
 * The settings that make this container admin-only (empty when none), see
 * `adminOnlySettings`: read from its inspect, the host's bind rules, the engine's defaults and the
 * options of the local volumes it mounts.
 */
export async function adminOnlySettingsOf(
  c: HostContext,
  details: ContainerDetails,
): Promise<string[]> {
  const defaults = await engineDefaults(c.var.host)
  const reasons = adminOnlySettings(details, await hostPathRules(c, true), defaults)
  // A volume removed since the inspect gives the container nothing any more.
  return [...reasons, ...hostPathVolumeSettings(await inspectVolumes(c, localVolumesOf(details)))]
}

/**
 * Refuses an action that runs code in, writes into or reads files of a container with admin-only
 * settings to a caller without `container.reach-admin-only`: a 403 naming them, before any
 * engine-side work.
 */
export async function assertMayReachInside(
  c: HostContext,
  details: ContainerDetails,
  action: string,
): Promise<void> {
  if (may(c, 'container.reach-admin-only')) return
  const reasons = await adminOnlySettingsOf(c, details)
  if (reasons.length > 0) throw adminOnlyError(action, reasons)
}

function adminOnlyError(action: string, reasons: readonly string[]): ApiError {
  return new ApiError(
    403,
    'forbidden',
    `Only an admin may ${action} in this container: it uses ${reasons.join(', ')}`,
  )
}

/**
 * Kept on the host (`timedReads`), shared by concurrent askers; a failed answer is not kept, so
 * the next request asks again.
 */
function engineDefaults(host: RegisteredHost): Promise<EngineDefaults> {
  const { engine } = host
  return host.timedReads.run(
    'engine-defaults',
    () =>
      Promise.all([engine.connect(), engine.system.info()]).then(
        ([identity, info]): EngineDefaults => {
          // Podman's inspect says `oci` for every container, whatever runtime it was given.
          const defaultRuntime = identity.flavour === 'podman' ? 'oci' : info.defaultRuntime
          return {
            defaultRuntime,
            // Engines before cgroup v2 support (no CgroupVersion) are cgroup v1 engines.
            cgroupnsMode: info.cgroupVersion === '2' ? 'private' : 'host',
          }
        },
      ),
    DEFAULTS_TTL_MS,
  )
}
