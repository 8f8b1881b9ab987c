import type { AlertDeliveryStatus } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'
import { Badge, ErrorState, layout, Spinner, texts, TimeAgo, type Tone } from '../../ui/index.ts'
import { channelKeys } from './channel-keys.ts'

const TONES: Record<AlertDeliveryStatus, Tone> = {
  pending: 'info',
  held: 'muted',
  sent: 'ok',
  failed: 'bad',
  dropped: 'muted',
}

/** A channel's newest deliveries: status, attempts, the receiver's last answer. */
export function DeliveryLog({ channelId }: { channelId: string }) {
  const log = useQuery({
    queryKey: channelKeys.deliveries(channelId),
    queryFn: () =>
      unwrap(
        api.alerts.channels[':id'].deliveries.$get({
          param: { id: channelId },
          query: { limit: '50' },
        }),
      ),
    refetchInterval: 10_000,
  })
  if (log.isPending) return <Spinner />
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />
  if (log.data.deliveries.length === 0) {
    return <p className={texts.muted}>Nothing was sent through this channel yet.</p>
  }
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable} aria-label="Delivery log">
        <thead>
          <tr>
            <th>Alert</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Last answer</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {log.data.deliveries.map((d) => (
            <tr key={d.id}>
              <td>{d.title}</td>
              <td>
                <Badge tone={TONES[d.status]}>{d.status}</Badge>
              </td>
              <td>{d.attempts}</td>
              <td className={texts.mono}>{d.lastError ?? ''}</td>
              <td>
                <TimeAgo value={d.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
