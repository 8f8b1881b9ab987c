import type { NodeUpdate, SwarmNodeDetails } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'
import { swarmKeys } from '../queries.ts'

/**
 * Whether a drain is still under way: the node is drained but swarm has not yet told some of its
 * tasks to stop. Swarm sends no task events, and the containers stop and start on other engines
 * than the one this page's events come from, so nothing would say when the tasks have moved.
 */
export function isDraining(node: SwarmNodeDetails | undefined): boolean {
  return (
    node?.availability === 'drain' && node.tasks.some((task) => task.desiredState === 'running')
  )
}

/** About once a second, only while a drain moves the tasks; otherwise events refresh the node. */
const DRAIN_POLL_MS = 1000

/** `GET /swarm/nodes/:id`: the node and its tasks, under the swarm key node events invalidate. */
export const nodeDetailOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: [...swarmKeys.all(hostId), 'node', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].swarm.nodes[':id'].$get(
          { param: { hostId, id } },
          { init: { signal } },
        ),
      ),
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: (query) => (isDraining(query.state.data) ? DRAIN_POLL_MS : false),
  })

/** What draining the node would do now; asked each time the drain dialog opens, never cached. */
export const drainPreviewOptions = (hostId: string, id: string) =>
  queryOptions({
    queryKey: [...swarmKeys.all(hostId), 'node', id, 'drain-preview'],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].swarm.nodes[':id'].drain.$get(
          { param: { hostId, id } },
          { init: { signal } },
        ),
      ),
    staleTime: 0,
    gcTime: 0,
  })

/** `PATCH /swarm/nodes/:id`; the answer (the node afterwards) replaces the cached node. */
export function useUpdateNode(hostId: string, id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (change: NodeUpdate) =>
      unwrap(
        api.hosts[':hostId'].swarm.nodes[':id'].$patch({ param: { hostId, id }, json: change }),
      ),
    onSuccess: ({ node }) => {
      client.setQueryData(nodeDetailOptions(hostId, id).queryKey, node)
      void client.invalidateQueries({ queryKey: swarmKeys.all(hostId) })
    },
  })
}

/** `DELETE /swarm/nodes/:id`, with `force` for a node that cannot say goodbye. */
export function useRemoveNode(hostId: string, id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (force: boolean) =>
      unwrap(
        api.hosts[':hostId'].swarm.nodes[':id'].$delete({
          param: { hostId, id },
          query: { force: String(force) },
        }),
      ),
    onSuccess: () => {
      client.removeQueries({ queryKey: nodeDetailOptions(hostId, id).queryKey, exact: true })
      void client.invalidateQueries({ queryKey: swarmKeys.all(hostId) })
    },
  })
}
