import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'
import { swarmKeys } from '../queries.ts'

/** A service's settings (before and now) and update status; swarm events refresh it. */
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

export type ServiceAction =
  | { kind: 'scale'; replicas: number }
  | { kind: 'rollback' }
  | { kind: 'redeploy' }
  | { kind: 'remove' }

function runAction(hostId: string, id: string, action: ServiceAction) {
  const service = api.hosts[':hostId'].swarm.services[':id']
  const param = { hostId, id }
  switch (action.kind) {
    case 'scale':
      return unwrap(service.scale.$post({ param, json: { replicas: action.replicas } }))
    case 'rollback':
      return unwrap(service.rollback.$post({ param }))
    case 'redeploy':
      return unwrap(service.redeploy.$post({ param }))
    case 'remove':
      return unwrap(service.$delete({ param })).then(() => ({ warnings: [] }))
  }
}

/** Scale, rollback, force redeploy or remove one service; the engine's warnings come back. */
export function useServiceAction(hostId: string, id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (action: ServiceAction) => runAction(hostId, id, action),
    // Events refresh too, but the person who clicked should not wait for them.
    onSettled: () => queryClient.invalidateQueries({ queryKey: swarmKeys.all(hostId) }),
  })
}
