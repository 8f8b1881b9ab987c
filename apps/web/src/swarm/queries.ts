import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const swarmKeys = { all: (hostId: string) => ['hosts', hostId, 'swarm'] as const }

// Swarm events (service, node, secret, config) and container events (tasks run as containers)
// invalidate `swarmKeys.all`, so none of these poll.
const swarmRead = <T>(hostId: string, what: string, read: (signal: AbortSignal) => Promise<T>) =>
  queryOptions({
    queryKey: [...swarmKeys.all(hostId), what],
    queryFn: ({ signal }) => read(signal),
    staleTime: Number.POSITIVE_INFINITY,
  })

/** Whether the host is a swarm manager: only managers answer the swarm views. */
export const swarmStatusOptions = (hostId: string) =>
  queryOptions({
    ...swarmRead(hostId, 'status', (signal) =>
      unwrap(api.hosts[':hostId'].swarm.$get({ param: { hostId } }, { init: { signal } })),
    ),
    // Joining or leaving a swarm sends no event this host reports: asked again on the next
    // visit after a minute (never on a timer).
    staleTime: 60_000,
  })

export const swarmServicesOptions = (hostId: string) =>
  swarmRead(hostId, 'services', (signal) =>
    unwrap(api.hosts[':hostId'].swarm.services.$get({ param: { hostId } }, { init: { signal } })),
  )

export const swarmTasksOptions = (hostId: string) =>
  swarmRead(hostId, 'tasks', (signal) =>
    unwrap(
      api.hosts[':hostId'].swarm.tasks.$get({ param: { hostId }, query: {} }, { init: { signal } }),
    ),
  )

export const swarmNodesOptions = (hostId: string) =>
  swarmRead(hostId, 'nodes', (signal) =>
    unwrap(api.hosts[':hostId'].swarm.nodes.$get({ param: { hostId } }, { init: { signal } })),
  )

/** True once the host has said it is a swarm manager; false while asking or on any error. */
export function useIsSwarmManager(hostId: string | undefined): boolean {
  const status = useQuery({ ...swarmStatusOptions(hostId ?? ''), enabled: hostId !== undefined })
  return status.data?.manager === true
}
