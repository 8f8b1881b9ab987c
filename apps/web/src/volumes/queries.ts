import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const volumeKeys = { all: (hostId: string) => ['hosts', hostId, 'volumes'] as const }

// Fresh until an event says otherwise: volume events invalidate `volumeKeys.all`.
export const volumeListOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...volumeKeys.all(hostId), 'list'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].volumes.$get({ param: { hostId } }, { init: { signal } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const volumeDetailOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: [...volumeKeys.all(hostId), 'detail', name],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].volumes[':name'].$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const removeVolume = (hostId: string, name: string) =>
  unwrap(api.hosts[':hostId'].volumes[':name'].$delete({ param: { hostId, name }, query: {} }))

export const pruneVolumes = (hostId: string) =>
  unwrap(api.hosts[':hostId'].volumes.prune.$post({ param: { hostId }, query: { all: 'true' } }))
