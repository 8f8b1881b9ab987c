import type { AlertEntryState, AlertKind, AlertRuleInput } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../platform/api-client.ts'

/** Every alerts query starts with this key: an `alert` message on a host socket refreshes them. */
export const ALERTS_KEY = ['alerts'] as const

export interface AlertFilters {
  hostId: string
  kind: AlertKind | ''
  state: AlertEntryState | ''
}

export function useAlerts(filters: AlertFilters) {
  return useQuery({
    queryKey: [...ALERTS_KEY, 'list', filters],
    queryFn: () =>
      unwrap(
        api.alerts.$get({
          query: {
            ...(filters.hostId === '' ? {} : { hostId: filters.hostId }),
            ...(filters.kind === '' ? {} : { kind: filters.kind }),
            ...(filters.state === '' ? {} : { state: filters.state }),
          },
        }),
      ),
  })
}

/**
 * The bell's number; refreshed by alert messages on open host sockets, when the window gets
 * focus again, and every `pollMs` if given (only while the tab is visible).
 */
export function useUnreadAlerts(pollMs: number | false = false) {
  return useQuery({
    queryKey: [...ALERTS_KEY, 'unread'],
    queryFn: () => unwrap(api.alerts.unread.$get()),
    refetchInterval: pollMs,
  })
}

export function useMarkAlertsRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids: string[] | 'all') =>
      unwrap(api.alerts.read.$post({ json: ids === 'all' ? { all: true } : { ids } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY }),
  })
}

const RULES_KEY = [...ALERTS_KEY, 'rules'] as const

export function useAlertRules() {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: () => unwrap(api['alert-rules'].$get()),
  })
}

export function useSaveAlertRule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, input }: { id: string | undefined; input: AlertRuleInput }) =>
      id === undefined
        ? unwrap(api['alert-rules'].$post({ json: input }))
        : unwrap(api['alert-rules'][':id'].$put({ param: { id }, json: input })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  })
}

export function useDeleteAlertRule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api['alert-rules'][':id'].$delete({ param: { id } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  })
}
