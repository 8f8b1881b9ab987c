import type { ClusterSettings, JoinTokens } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'
import { swarmKeys } from '../queries.ts'

/** `GET /swarm/cluster`: the settings (never the tokens), refreshed by swarm events. */
export const clusterOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...swarmKeys.all(hostId), 'cluster'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].swarm.cluster.$get({ param: { hostId } }, { init: { signal } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useUpdateCluster(hostId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (change: Partial<ClusterSettings>) =>
      unwrap(api.hosts[':hostId'].swarm.cluster.$patch({ param: { hostId }, json: change })),
    onSuccess: (cluster) => {
      client.setQueryData(clusterOptions(hostId).queryKey, cluster)
    },
  })
}

/**
 * The join tokens: whoever holds the manager token can join a manager to the swarm. Kept apart
 * from the swarm key (a swarm event must not ask for them again: each read is an audited
 * reveal), asked only once the admin says Reveal, and dropped from the cache as soon as no page
 * shows them (`gcTime: 0`).
 */
export const joinTokensOptions = (hostId: string) =>
  queryOptions({
    queryKey: ['hosts', hostId, 'swarm-join-tokens'],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].swarm.cluster['join-tokens'].$get(
          { param: { hostId } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  })

/** Rotates the worker or manager token; the answer (the new tokens) replaces the shown ones. */
export function useRotateToken(hostId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (which: 'worker' | 'manager') =>
      unwrap(
        api.hosts[':hostId'].swarm.cluster['join-tokens'].rotate.$post({
          param: { hostId },
          json: { worker: which === 'worker', manager: which === 'manager' },
        }),
      ),
    // The mutation's own answer holds the tokens too: not kept once the page is gone.
    gcTime: 0,
    onSuccess: (tokens: JoinTokens) => {
      client.setQueryData(joinTokensOptions(hostId).queryKey, tokens)
    },
  })
}
