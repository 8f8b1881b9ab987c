import type { StackAdoptInput } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'
import { stackKeys } from './queries.ts'

/*
 * Adopting a compose CLI project. Kept out of queries.ts so that only the adopt view's chunk
 * carries these calls: the stacks list (in the first load) never needs them.
 */

/**
 * `GET /stacks/:name/adoption`: the file to review. Read afresh each time the view opens (the
 * project's containers may have changed since); a read in the background never replaces the
 * draft, which the form holds.
 */
export const stackAdoptionOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: stackKeys.adoption(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].adoption.$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
    staleTime: 0,
    gcTime: 0,
  })

/** `POST /stacks/:name/adopt`: the project becomes a managed stack (version 1); nothing runs. */
export function useAdoptStack(hostId: string, name: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: StackAdoptInput) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].adopt.$post({ param: { hostId, name }, json: input }),
      ),
    onSuccess: (files) => {
      queryClient.setQueryData(stackKeys.files(hostId, name), files)
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: stackKeys.detail(hostId, name) }),
        queryClient.invalidateQueries({ queryKey: stackKeys.list(hostId) }),
        queryClient.invalidateQueries({ queryKey: stackKeys.versions(hostId, name) }),
      ]),
  })
}
