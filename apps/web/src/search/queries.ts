import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const searchKeys = {
  query: (q: string) => ['all-hosts', 'search', q] as const,
}

/** Search across hosts; the previous hits stay shown while the next query is answered. */
export const searchOptions = (q: string) =>
  queryOptions({
    queryKey: searchKeys.query(q),
    queryFn: ({ signal }) => unwrap(api.search.$get({ query: { q } }, { init: { signal } })),
    enabled: q.trim() !== '',
    staleTime: 5000,
    placeholderData: keepPreviousData,
  })
