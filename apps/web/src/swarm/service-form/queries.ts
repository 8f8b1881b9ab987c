import type { ServiceCreateInput, ServiceUpdateInput } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'
import { swarmKeys } from '../queries.ts'

/** `GET /swarm/services/:id`: the settings to edit (environment values masked as the caller's role says). */
export const serviceDetailsOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: [...swarmKeys.all(hostId), 'service', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].swarm.services[':id'].$get(
          { param: { hostId, id } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useCreateService(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: ServiceCreateInput) =>
      unwrap(api.hosts[':hostId'].swarm.services.$post({ param: { hostId }, json: settings })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: swarmKeys.all(hostId) }),
  })
}

export function useUpdateService(hostId: string, id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (change: ServiceUpdateInput) =>
      unwrap(
        api.hosts[':hostId'].swarm.services[':id'].$patch({ param: { hostId, id }, json: change }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: swarmKeys.all(hostId) }),
  })
}
