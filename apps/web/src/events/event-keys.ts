import type { LiveEvent } from '@harbormaster/contract'

/** The query keys an engine event makes stale (by the event's object type). */
export function keysForEvent(
  hostId: string,
  event: Pick<LiveEvent, 'type' | 'action'>,
): string[][] {
  // Exec sessions (ours included) change no container's state: only the event list is stale.
  if (event.type === 'container' && event.action.startsWith('exec_')) {
    return [['hosts', hostId, 'system', 'events']]
  }
  switch (event.type) {
    case 'container':
      return [
        ['hosts', hostId, 'containers'],
        ['hosts', hostId, 'system'],
      ]
    case 'image':
      return [
        ['hosts', hostId, 'images'],
        ['hosts', hostId, 'system'],
      ]
    case 'network':
      return [
        ['hosts', hostId, 'networks'],
        ['hosts', hostId, 'containers'],
      ]
    case 'volume':
      return [
        ['hosts', hostId, 'volumes'],
        ['hosts', hostId, 'system'],
      ]
    default:
      return []
  }
}
