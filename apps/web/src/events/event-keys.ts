import type { LiveEvent } from '@harbormaster/contract'

/**
 * Container actions that change which containers use an image or a volume (a mount is fixed at
 * create). A rename changes only the name those lists show, not worth re-reading them for.
 */
const USAGE_CHANGES = new Set(['create', 'destroy'])

/** The query keys an engine event makes stale: the host's timeline, and by the object's type. */
export function keysForEvent(
  hostId: string,
  event: Pick<LiveEvent, 'type' | 'action'>,
): string[][] {
  // Every event is a new row of the host's timeline (history/timeline).
  return [['hosts', hostId, 'timeline'], ...objectKeys(hostId, event)]
}

function objectKeys(hostId: string, event: Pick<LiveEvent, 'type' | 'action'>): string[][] {
  // Exec sessions (ours included) change no container's state: only the event list is stale.
  if (event.type === 'container' && event.action.startsWith('exec_')) {
    return [['hosts', hostId, 'system', 'events']]
  }
  switch (event.type) {
    case 'container':
      return containerKeys(hostId, event.action)
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

function containerKeys(hostId: string, action: string): string[][] {
  // On a swarm manager, a task's state follows its container's. Stacks are read from the
  // containers' labels: their list and pages, not their stored files and versions.
  const keys = [
    ['hosts', hostId, 'containers'],
    ['hosts', hostId, 'system'],
    ['hosts', hostId, 'swarm'],
    ['hosts', hostId, 'stacks', 'list'],
    ['hosts', hostId, 'stacks', 'detail'],
  ]
  if (!USAGE_CHANGES.has(action)) return keys
  return [...keys, ['hosts', hostId, 'images'], ['hosts', hostId, 'volumes']]
}
