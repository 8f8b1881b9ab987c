import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const networkKeys = {
  all: (hostId: string) => ['hosts', hostId, 'networks'] as const,
}

// Fresh until an event says otherwise: network events invalidate `networkKeys.all`.
export const networkListOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...networkKeys.all(hostId), 'list'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].networks.$get({ param: { hostId } }, { init: { signal } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const networkDetailOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: [...networkKeys.all(hostId), 'detail', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].networks[':id'].$get({ param: { hostId, id } }, { init: { signal } }),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const removeNetwork = (hostId: string, id: string) =>
  unwrap(api.hosts[':hostId'].networks[':id'].$delete({ param: { hostId, id } }))

export const pruneNetworks = (hostId: string) =>
  unwrap(api.hosts[':hostId'].networks.prune.$post({ param: { hostId } }))

export const connectContainer = (hostId: string, id: string, container: string) =>
  unwrap(
    api.hosts[':hostId'].networks[':id'].connect.$post({
      param: { hostId, id },
      json: { container },
    }),
  )

export const disconnectContainer = (hostId: string, id: string, container: string) =>
  unwrap(
    api.hosts[':hostId'].networks[':id'].disconnect.$post({
      param: { hostId, id },
      json: { container, force: false },
    }),
  )
