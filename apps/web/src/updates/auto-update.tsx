import type { StackAutoUpdate } from '@harbormaster/contract'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { layout, texts, useToast } from '../ui/index.ts'
import { updateReportOptions } from './queries.ts'

/** The label a container opts in with (set at its create). */
export const AUTO_UPDATE_LABEL = 'harbormaster.auto-update'

/** When the window's absence makes the opt-in moot, say so rather than promise an update. */
function windowText(window: string | null | undefined): string {
  return window === null || window === undefined
    ? 'but no maintenance window is set on the server (HARBORMASTER_AUTO_UPDATE_WINDOW), so never automatically'
    : `in the maintenance window ${window}`
}

/** On the container page: a container labelled for automatic updates says when they happen. */
export function AutoUpdateNote({
  hostId,
  labels,
}: {
  hostId: string
  labels: Readonly<Record<string, string>>
}) {
  const report = useQuery(updateReportOptions(hostId))
  if (labels[AUTO_UPDATE_LABEL] !== 'true') return null
  return (
    <span className={texts.muted}>
      Updates automatically {windowText(report.data?.autoUpdateWindow)}
    </span>
  )
}

const autoUpdateKey = (hostId: string, name: string) =>
  ['hosts', hostId, 'updates', 'stacks', name] as const

const stackAutoUpdateOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: autoUpdateKey(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].updates.stacks[':name']['auto-update'].$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
  })

/**
 * On a compose stack's page: whether its containers are updated automatically after a check
 * in the maintenance window. Operators of the stack may turn it on or off.
 */
export function StackAutoUpdateSetting({
  hostId,
  name,
  mayChange,
}: {
  hostId: string
  name: string
  mayChange: boolean
}) {
  const toast = useToast()
  const queryClient = useQueryClient()
  const setting = useQuery(stackAutoUpdateOptions(hostId, name))
  const change = useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(
        api.hosts[':hostId'].updates.stacks[':name']['auto-update'].$put({
          param: { hostId, name },
          json: { enabled },
        }),
      ),
    onSuccess: (next: StackAutoUpdate) => {
      queryClient.setQueryData(autoUpdateKey(hostId, name), next)
    },
    onError: (error) => {
      toast({ tone: 'bad', title: 'Could not change automatic updates', body: errorMessage(error) })
    },
  })
  const data = setting.data
  if (data === undefined) return null
  return (
    <span className={layout.actions}>
      <label className={layout.check}>
        <input
          type="checkbox"
          checked={data.enabled}
          disabled={!mayChange || change.isPending}
          onChange={(e) => {
            change.mutate(e.target.checked)
          }}
        />{' '}
        Update images automatically
      </label>
      {data.enabled && <span className={texts.muted}>{windowText(data.window)}</span>}
    </span>
  )
}
