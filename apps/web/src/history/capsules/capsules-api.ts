import type { LogRetentionInput } from '@harbormaster/contract'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'

/**
 * Under the host's containers key: every container event (a die, a destroy) marks the lists
 * stale, so a new capsule shows without polling once its container's events arrive.
 */
export const capsuleKeys = {
  all: (hostId: string) => ['hosts', hostId, 'containers', 'capsules'] as const,
  list: (hostId: string, name: string | undefined) =>
    [...capsuleKeys.all(hostId), 'list', name ?? ''] as const,
  detail: (hostId: string, id: string) => [...capsuleKeys.all(hostId), 'detail', id] as const,
  retention: (hostId: string) => [...capsuleKeys.all(hostId), 'retention'] as const,
}

export const capsuleListOptions = (hostId: string, name?: string) =>
  queryOptions({
    queryKey: capsuleKeys.list(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].capsules.$get(
          { param: { hostId }, query: name === undefined ? {} : { name } },
          { init: { signal } },
        ),
      ),
  })

export function useCapsules(hostId: string, name?: string) {
  return useQuery(capsuleListOptions(hostId, name))
}

export function useCapsule(hostId: string, id: string) {
  return useQuery({
    queryKey: capsuleKeys.detail(hostId, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].capsules[':id'].$get({ param: { hostId, id } }, { init: { signal } }),
      ),
    // A capsule never changes; only its deletion ends it.
    staleTime: Number.POSITIVE_INFINITY,
  })
}

export function useDeleteCapsule(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.hosts[':hostId'].capsules[':id'].$delete({ param: { hostId, id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: capsuleKeys.all(hostId) }),
  })
}

export function useLogRetention(hostId: string) {
  return useQuery({
    queryKey: capsuleKeys.retention(hostId),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId']['log-retention'].$get({ param: { hostId } }, { init: { signal } }),
      ),
  })
}

export function useAddLogRetention(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: LogRetentionInput) =>
      unwrap(api.hosts[':hostId']['log-retention'].$post({ param: { hostId }, json: input })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: capsuleKeys.retention(hostId) }),
  })
}

export function useDeleteLogRetention(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.hosts[':hostId']['log-retention'][':id'].$delete({ param: { hostId, id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: capsuleKeys.retention(hostId) }),
  })
}
