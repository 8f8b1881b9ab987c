import type { StackCreateInput, StackSaveInput } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

/**
 * The list and pages are read from the host's containers, so container events refresh them
 * (events/event-keys.ts); files and versions change only when someone saves.
 */
export const stackKeys = {
  all: (hostId: string) => ['hosts', hostId, 'stacks'] as const,
  list: (hostId: string) => [...stackKeys.all(hostId), 'list'] as const,
  detail: (hostId: string, name: string) => [...stackKeys.all(hostId), 'detail', name] as const,
  files: (hostId: string, name: string) => [...stackKeys.all(hostId), 'files', name] as const,
  versions: (hostId: string, name: string) => [...stackKeys.all(hostId), 'versions', name] as const,
  version: (hostId: string, name: string, version: number) =>
    [...stackKeys.all(hostId), 'version', name, version] as const,
  adoption: (hostId: string, name: string) => [...stackKeys.all(hostId), 'adoption', name] as const,
}

export const stackListOptions = (hostId: string) =>
  queryOptions({
    queryKey: stackKeys.list(hostId),
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].stacks.$get({ param: { hostId } }, { init: { signal } })),
    // Fresh until an event says otherwise: the events socket invalidates it.
    staleTime: Number.POSITIVE_INFINITY,
  })

export const stackDetailOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: stackKeys.detail(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const stackFilesOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: stackKeys.files(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].files.$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const stackVersionsOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: stackKeys.versions(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].versions.$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

/** A saved version never changes: fetched once. */
export const stackVersionOptions = (hostId: string, name: string, version: number) =>
  queryOptions({
    queryKey: stackKeys.version(hostId, name, version),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].versions[':version'].$get(
          { param: { hostId, name, version: String(version) } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useCreateStack(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: StackCreateInput) =>
      unwrap(api.hosts[':hostId'].stacks.$post({ param: { hostId }, json: input })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stackKeys.list(hostId) }),
  })
}

/** Saves a new version; a save over a newer one is a 409 (ApiRequestError with code conflict). */
export function useSaveStack(hostId: string, name: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: StackSaveInput) =>
      unwrap(api.hosts[':hostId'].stacks[':name'].$put({ param: { hostId, name }, json: input })),
    onSuccess: (files) => {
      queryClient.setQueryData(stackKeys.files(hostId, name), files)
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: stackKeys.versions(hostId, name) }),
        queryClient.invalidateQueries({ queryKey: stackKeys.list(hostId) }),
        queryClient.invalidateQueries({ queryKey: stackKeys.detail(hostId, name) }),
      ]),
  })
}

export function useDeleteStack(hostId: string, name: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      unwrap(api.hosts[':hostId'].stacks[':name'].$delete({ param: { hostId, name } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stackKeys.list(hostId) }),
  })
}
