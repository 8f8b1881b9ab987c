import type { ContainerCreateInput, ContainerUpdateInput } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, apiFetch, apiPath, errorMessage, unwrap } from '../platform/api-client.ts'

export const containerKeys = {
  all: (hostId: string) => ['hosts', hostId, 'containers'] as const,
  list: (hostId: string) => [...containerKeys.all(hostId), 'list'] as const,
  detail: (hostId: string, id: string) => [...containerKeys.all(hostId), 'detail', id] as const,
  top: (hostId: string, id: string) => [...containerKeys.all(hostId), 'top', id] as const,
  files: (hostId: string, id: string, path: string) =>
    [...containerKeys.all(hostId), 'files', id, path] as const,
}

export const containerListOptions = (hostId: string) =>
  queryOptions({
    queryKey: containerKeys.list(hostId),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].containers.$get(
          { param: { hostId }, query: { all: 'true' } },
          { init: { signal } },
        ),
      ),
    // Fresh until an event says otherwise: the events socket invalidates it.
    staleTime: Number.POSITIVE_INFINITY,
  })

export const containerDetailOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: containerKeys.detail(hostId, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].containers[':id'].$get(
          { param: { hostId, id } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const containerTopOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: containerKeys.top(hostId, id),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].containers[':id'].top.$get(
          { param: { hostId, id } },
          { init: { signal } },
        ),
      ),
  })

export const containerFilesOptions = (hostId: string, id: string, path: string) =>
  queryOptions({
    queryKey: containerKeys.files(hostId, id, path),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].containers[':id'].files.$get(
          { param: { hostId, id }, query: { path } },
          { init: { signal } },
        ),
      ),
  })

export type ContainerAction = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause' | 'remove'

/** One lifecycle action on one container; the engine's error comes back as it is. */
export async function runContainerAction(
  hostId: string,
  id: string,
  action: ContainerAction,
): Promise<unknown> {
  const param = { hostId, id }
  const c = api.hosts[':hostId'].containers[':id']
  switch (action) {
    case 'start':
      return unwrap(c.start.$post({ param }))
    case 'stop':
      return unwrap(c.stop.$post({ param, query: {} }))
    case 'restart':
      return unwrap(c.restart.$post({ param, query: {} }))
    case 'kill':
      return unwrap(c.kill.$post({ param, query: {} }))
    case 'pause':
      return unwrap(c.pause.$post({ param }))
    case 'unpause':
      return unwrap(c.unpause.$post({ param }))
    case 'remove':
      return unwrap(c.$delete({ param, query: { force: 'true' } }))
  }
}

export interface ActionResult {
  hostId: string
  id: string
  name: string
  ok: boolean
  error?: string
}

/** A container a bulk action reaches, on the host it lives on. */
export interface BulkTarget {
  hostId: string
  id: string
  name: string
}

/** Runs an action on many containers of one host; see runPlacedBulkAction. */
export function runBulkAction(
  hostId: string,
  targets: readonly { id: string; name: string }[],
  action: ContainerAction,
): Promise<ActionResult[]> {
  return runPlacedBulkAction(
    targets.map((t) => ({ ...t, hostId })),
    action,
  )
}

/**
 * Runs an action on many containers, four at a time, each through its own host's route (so each
 * host judges the user's rights there), and reports each one's result.
 */
export async function runPlacedBulkAction(
  targets: readonly BulkTarget[],
  action: ContainerAction,
): Promise<ActionResult[]> {
  const results: ActionResult[] = []
  const queue = [...targets]
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { hostId, id, name } = next
      try {
        await runContainerAction(hostId, id, action)
        results.push({ hostId, id, name, ok: true })
      } catch (err) {
        results.push({ hostId, id, name, ok: false, error: errorMessage(err) })
      }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return results
}

export function useContainerAction(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      targets,
      action,
    }: {
      targets: { id: string; name: string }[]
      action: ContainerAction
    }) => runBulkAction(hostId, targets, action),
    // Events refresh too, but the person who clicked should not wait for them.
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.all(hostId) }),
  })
}

/** A bulk action on containers of any hosts; refreshes each host's lists and the list across. */
export function usePlacedContainerAction() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ targets, action }: { targets: BulkTarget[]; action: ContainerAction }) =>
      runPlacedBulkAction(targets, action),
    onSettled: async (_data, _error, { targets }) => {
      const hosts = new Set(targets.map((t) => t.hostId))
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: allHostsKeys.containers() }),
        ...[...hosts].map((hostId) =>
          queryClient.invalidateQueries({ queryKey: containerKeys.all(hostId) }),
        ),
      ])
    },
  })
}

export const allHostsKeys = {
  containers: () => ['all-hosts', 'containers'] as const,
  search: (q: string) => ['all-hosts', 'search', q] as const,
}

/** How often the list across hosts refreshes: it comes from the hosts' models, free for them. */
const ALL_HOSTS_REFRESH_MS = 5000

export const allHostsContainersOptions = () =>
  queryOptions({
    queryKey: allHostsKeys.containers(),
    queryFn: ({ signal }) =>
      unwrap(api.containers.$get({ query: { all: 'true' } }, { init: { signal } })),
    refetchInterval: ALL_HOSTS_REFRESH_MS,
  })

export function useCreateContainer(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ input, start }: { input: ContainerCreateInput; start: boolean }) =>
      unwrap(
        api.hosts[':hostId'].containers.$post({
          param: { hostId },
          query: { start: String(start) },
          json: input,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.all(hostId) }),
  })
}

export function useRenameContainer(hostId: string, id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(
        api.hosts[':hostId'].containers[':id'].rename.$post({
          param: { hostId, id },
          json: { name },
        }),
      ),
    // Not the detail: the page may be addressed by the old name, which would now be a 404
    // before the page follows the new name. The rename event refreshes the rest.
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.list(hostId) }),
  })
}

/** Limits and restart policy of a running or stopped container; the engine's warnings return. */
export function useUpdateContainer(hostId: string, id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (spec: ContainerUpdateInput) =>
      unwrap(
        api.hosts[':hostId'].containers[':id'].update.$post({
          param: { hostId, id },
          json: spec,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: containerKeys.all(hostId) }),
  })
}

/** Uploads one file into a directory of the container. */
export async function uploadFile(hostId: string, id: string, dir: string, file: File) {
  const query = new URLSearchParams({ path: dir, name: file.name })
  await apiFetch(`${apiPath`/hosts/${hostId}/containers/${id}/files`}?${query.toString()}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  })
}

export function fileDownloadUrl(hostId: string, id: string, path: string): string {
  return `${apiPath`/hosts/${hostId}/containers/${id}/files/download`}?${new URLSearchParams({ path }).toString()}`
}
