import type { Network } from '@harbormaster/engine'
import type { RegisteredHost } from '../hosts/index.ts'
import { EVENT_KEPT_LIST_MS } from '../platform/single-flight.ts'

/**
 * The host's networks, shared by every asker (the networks page, search): kept until a network
 * event (or a change through us) says otherwise. The engine reports every network change, so
 * the answer can live far longer than a container list's.
 */
export function sharedNetworkList(host: RegisteredHost): Promise<Network[]> {
  return host.reads.run('networks', () => host.engine.networks.list(), EVENT_KEPT_LIST_MS)
}
