import type { Volume } from '@harbormaster/engine'
import type { RegisteredHost } from '../hosts/index.ts'
import { EVENT_KEPT_LIST_MS } from '../platform/single-flight.ts'

/**
 * The host's volumes, shared by every asker (the volumes page, search): kept until a volume
 * event (or a change through us) says otherwise.
 */
export function sharedVolumeList(host: RegisteredHost): Promise<Volume[]> {
  return host.reads.run('volumes', () => host.engine.volumes.list(), EVENT_KEPT_LIST_MS)
}
