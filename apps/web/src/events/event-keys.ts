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
      // On a swarm manager, a task's state follows its container's.
      return [
        ['hosts', hostId, 'containers'],
        ['hosts', hostId, 'system'],
        ['hosts', hostId, 'swarm'],
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
    case 'service':
    case 'node':
    case 'secret':
    case 'config':
      return [['hosts', hostId, 'swarm']]
    default:
      return []
  }
}
