import type { ContainerSummary, NetworkDetails } from '@harbormaster/contract'

/** A container that could join the network, as the picker lists it. */
export interface ConnectCandidate {
  id: string
  name: string
  running: boolean
}

/**
 * The host's containers that are not on the network yet, running ones first. Stopped containers
 * stay in the list: the engine connects them too (they get an address when they start).
 */
export function connectCandidates(
  containers: ContainerSummary[],
  network: Pick<NetworkDetails, 'name' | 'containers'>,
): ConnectCandidate[] {
  const attached = new Set(network.containers.map((c) => c.id))
  return containers
    .filter((c) => !attached.has(c.id) && !c.networks.includes(network.name))
    .map((c) => ({ id: c.id, name: c.name.replace(/^\//, ''), running: c.state === 'running' }))
    .sort((a, b) => Number(b.running) - Number(a.running) || a.name.localeCompare(b.name))
}

/** Drivers whose networks take no extra containers: `host` and `none` (driver `null`). */
export function acceptsConnections(driver: string): boolean {
  return driver !== 'host' && driver !== 'null'
}
