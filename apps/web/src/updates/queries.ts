import type {
  ContainerImageUpdateResult,
  ImageUpdate,
  ImageUpdateReport,
  ServiceImageUpdateResult,
} from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

export const updateKeys = {
  report: (hostId: string) => ['hosts', hostId, 'updates'] as const,
}

/** The last image update check of a host: cached by the server, fresh until a check or Update. */
export const updateReportOptions = (hostId: string) =>
  queryOptions({
    queryKey: updateKeys.report(hostId),
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].updates.$get({ param: { hostId } }, { init: { signal } })),
    staleTime: 5 * 60_000,
  })

/** A container or a swarm service, as the report names them. */
export type UpdateSubject = { containerId: string } | { serviceId: string }

/** The update available to a container (or a swarm service), if the last check found one. */
export function updateFor(
  report: ImageUpdateReport | undefined,
  subject: string | UpdateSubject,
): ImageUpdate | undefined {
  const uses = (entry: ImageUpdate) =>
    typeof subject === 'string'
      ? entry.containerIds.includes(subject)
      : 'containerId' in subject
        ? entry.containerIds.includes(subject.containerId)
        : (entry.serviceIds ?? []).includes(subject.serviceId)
  return report?.images.find((entry) => entry.status === 'update-available' && uses(entry))
}

/** "Check now": the registries are asked at once; the answer replaces the cached report. */
export function useCheckUpdates(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.hosts[':hostId'].updates.check.$post({ param: { hostId } })),
    onSuccess: (report) => {
      queryClient.setQueryData(updateKeys.report(hostId), report)
    },
  })
}

/**
 * Update one container; the containers and the report are read again afterwards. `outcome`
 * runs even when the caller has unmounted meanwhile.
 */
export function useUpdateContainer(
  hostId: string,
  outcome: {
    onSuccess: (result: ContainerImageUpdateResult) => void
    onError: (error: Error) => void
  },
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.hosts[':hostId'].updates.containers[':id'].$post({ param: { hostId, id } })),
    ...outcome,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['hosts', hostId, 'containers'] })
      await queryClient.invalidateQueries({ queryKey: updateKeys.report(hostId) })
    },
  })
}

/**
 * Update one swarm service to the new digest (Swarm rolls its tasks over); the service, the
 * services list and the report are read again afterwards.
 */
export function useUpdateService(
  hostId: string,
  outcome: {
    onSuccess: (result: ServiceImageUpdateResult) => void
    onError: (error: Error) => void
  },
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.hosts[':hostId'].updates.services[':id'].$post({ param: { hostId, id } })),
    ...outcome,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['hosts', hostId, 'swarm'] })
      await queryClient.invalidateQueries({ queryKey: updateKeys.report(hostId) })
    },
  })
}
