import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

const systemKey = (hostId: string) => ['hosts', hostId, 'system'] as const

export const engineInfoOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...systemKey(hostId), 'info'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].system.info.$get({ param: { hostId } }, { init: { signal } })),
  })

export const diskUsageOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...systemKey(hostId), 'df'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].system.df.$get({ param: { hostId } }, { init: { signal } })),
  })

/** The last hour of events from the engine's buffer (refreshed when an event arrives). */
export const recentEventsOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...systemKey(hostId), 'events'],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].system.events.$get(
          { param: { hostId }, query: { since: String(Math.floor(Date.now() / 1000) - 3600) } },
          { init: { signal } },
        ),
      ),
  })
