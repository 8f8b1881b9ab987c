import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const networkKeys = {
  all: (hostId: string) => ['hosts', hostId, 'networks'] as const,
}

export const networkListOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...networkKeys.all(hostId), 'list'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].networks.$get({ param: { hostId } }, { init: { signal } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const removeNetwork = (hostId: string, id: string) =>
  unwrap(api.hosts[':hostId'].networks[':id'].$delete({ param: { hostId, id } }))

export const pruneNetworks = (hostId: string) =>
  unwrap(api.hosts[':hostId'].networks.prune.$post({ param: { hostId } }))
