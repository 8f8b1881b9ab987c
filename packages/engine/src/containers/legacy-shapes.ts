import {
  type WireObject,
  asBoolean,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
} from '../wire/wire-read.ts'
import type { ContainerMount, ContainerState, NetworkEndpoint } from './types.ts'

/**
 * Container shapes of engines before API 1.23, read into today's model
 * (docs/engine.md#what-each-version-lacks).
 */

/**
 * The list's `State` before 1.23, from its `Status` text: "Up 3 minutes (Paused)", "Up 2
 * hours", "Restarting (1) 5 seconds ago", "Exited (0) 1 minute ago" ("Exit 0" in the v1.15
 * reference), "Created", "Dead", "Removal In Progress".
 */
export function stateFromStatus(status: string): ContainerState {
  const text = status.trim().toLowerCase()
  if (text.startsWith('up')) return text.includes('(paused)') ? 'paused' : 'running'
  if (text.startsWith('restarting')) return 'restarting'
  if (text.startsWith('exit')) return 'exited'
  if (text.startsWith('dead')) return 'dead'
  if (text.startsWith('removal')) return 'removing'
  return 'created'
}

/** The inspect's `State.Status` before 1.21, from its flags. */
export function stateFromFlags(state: WireObject): ContainerState {
  if (asBoolean(state.Dead)) return 'dead'
  if (asBoolean(state.Restarting)) return 'restarting'
  if (asBoolean(state.Paused)) return 'paused'
  if (asBoolean(state.Running)) return 'running'
  // Never started: no start time, or Go's zero time.
  const started = asString(state.StartedAt)
  return started === '' || started.startsWith('0001-') ? 'created' : 'exited'
}

/**
 * The inspect's networks before 1.21: one network, its address at the top of
 * `NetworkSettings`, named by the network mode ("default" is the bridge).
 */
export function legacyNetworks(
  settings: WireObject,
  networkMode: string,
): Record<string, NetworkEndpoint> {
  const ipAddress = asOptionalString(settings.IPAddress)
  if (!ipAddress) return {}
  const name = networkMode === '' || networkMode === 'default' ? 'bridge' : networkMode
  const endpoint: NetworkEndpoint = { networkId: '', aliases: [], ipAddress }
  const prefix = asOptionalNumber(settings.IPPrefixLen)
  const gateway = asOptionalString(settings.Gateway)
  const mac = asOptionalString(settings.MacAddress)
  if (prefix) endpoint.ipPrefixLength = prefix
  if (gateway) endpoint.gateway = gateway
  if (mac) endpoint.macAddress = mac
  return { [name]: endpoint }
}

/**
 * The inspect's mounts before 1.20: `Volumes` maps each destination to its source, and
 * `VolumesRW` says which are writable. A source under the engine's `volumes` directory is a
 * volume; any other is a bind.
 */
export function legacyMounts(doc: WireObject): ContainerMount[] {
  const writable = asObject(doc.VolumesRW)
  return Object.entries(asObject(doc.Volumes)).map(([destination, source]) => {
    const path = asString(source)
    return {
      type: /\/volumes\/[^/]+\/_data$/.test(path) ? 'volume' : 'bind',
      source: path,
      destination,
      mode: '',
      readWrite: writable[destination] !== false,
    }
  })
}
