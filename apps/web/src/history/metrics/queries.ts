import type { HistorySettingsInput, MetricRange } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'

export const historyKeys = {
  container: (hostId: string, id: string, range: MetricRange) =>
    ['hosts', hostId, 'containers', id, 'history', range] as const,
  host: (hostId: string, range: MetricRange) =>
    ['hosts', hostId, 'history', 'metrics', range] as const,
  settings: (hostId: string) => ['hosts', hostId, 'history', 'settings'] as const,
  estimate: (hostId: string) => ['hosts', hostId, 'history', 'estimate'] as const,
}

/** New points arrive every 10 s; a chart of a day or more gains nothing from asking that often. */
const refetchFor = (range: MetricRange) => (range === '1h' ? 10_000 : 60_000)

export const containerHistoryOptions = (hostId: string, id: string, range: MetricRange) =>
  queryOptions({
    queryKey: historyKeys.container(hostId, id, range),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].containers[':id'].history.$get(
          { param: { hostId, id }, query: { range } },
          { init: { signal } },
        ),
      ),
    refetchInterval: refetchFor(range),
  })

export const hostHistoryOptions = (hostId: string, range: MetricRange) =>
  queryOptions({
    queryKey: historyKeys.host(hostId, range),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].history.metrics.$get(
          { param: { hostId }, query: { range } },
          { init: { signal } },
        ),
      ),
    refetchInterval: refetchFor(range),
  })

export const historySettingsOptions = (hostId: string) =>
  queryOptions({
    queryKey: historyKeys.settings(hostId),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].history.settings.$get({ param: { hostId } }, { init: { signal } }),
      ),
  })

export const historyEstimateOptions = (hostId: string) =>
  queryOptions({
    queryKey: historyKeys.estimate(hostId),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].history.metrics.estimate.$get(
          { param: { hostId } },
          { init: { signal } },
        ),
      ),
  })

/** Saves a host's history settings; every history of the host is read again (on or off now). */
export function useSaveHistorySettings(hostId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: HistorySettingsInput) =>
      unwrap(api.hosts[':hostId'].history.settings.$put({ param: { hostId }, json: input })),
    onSuccess: (saved) => {
      queryClient.setQueryData(historyKeys.settings(hostId), saved)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['hosts', hostId] }),
  })
}
