import { type Network, eventsCoverNetworkChanges } from '@harbormaster/engine'
import type { RegisteredHost } from '../hosts/index.ts'
import { EVENT_KEPT_LIST_MS } from '../platform/single-flight.ts'

/**
 * The host's networks, shared by every asker (the networks page, search): kept until a network
 * event (or a change through us) says otherwise, on an engine that reports every network
 * change, so the answer can live far longer than a container list's. Podman does not
 * (docs/engine.md#podman): its list is asked each time.
 */
export async function sharedNetworkList(host: RegisteredHost): Promise<Network[]> {
  const keptMs = eventsCoverNetworkChanges(await host.engine.connect()) ? EVENT_KEPT_LIST_MS : 0
  return host.reads.run('networks', () => host.engine.networks.list(), keptMs)
}
