import type { SwarmFileCreateInput } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'
import { swarmKeys } from '../queries.ts'

/** Secrets and configs: the same routes under `/swarm/secrets` and `/swarm/configs`. */
export type SwarmFileKind = 'secrets' | 'configs'

export const swarmFileKeys = (hostId: string, kind: SwarmFileKind) =>
  [...swarmKeys.all(hostId), kind] as const

const routes = (kind: SwarmFileKind) => api.hosts[':hostId'].swarm[kind]

// Secret and config events invalidate `swarmKeys.all`, so the lists do not poll.
export const swarmFileListOptions = (hostId: string, kind: SwarmFileKind) =>
  queryOptions({
    queryKey: swarmFileKeys(hostId, kind),
    queryFn: ({ signal }) => unwrap(routes(kind).$get({ param: { hostId } }, { init: { signal } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function createSwarmFile(hostId: string, kind: SwarmFileKind, input: SwarmFileCreateInput) {
  return unwrap(routes(kind).$post({ param: { hostId }, json: input }))
}

export function removeSwarmFile(hostId: string, kind: SwarmFileKind, id: string) {
  return unwrap(routes(kind)[':id'].$delete({ param: { hostId, id } }))
}

export function useCreateSwarmFile(hostId: string, kind: SwarmFileKind) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: SwarmFileCreateInput) => createSwarmFile(hostId, kind, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: swarmFileKeys(hostId, kind) }),
  })
}
