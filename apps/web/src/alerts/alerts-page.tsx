import { type AlertEntry, alertEntryStateSchema, alertKindSchema } from '@harbormaster/contract'
import { Link } from 'wouter'
import { useUrlParam } from '../app/url-state.ts'
import { useHosts } from '../hosts/index.ts'
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  FilterPicker,
  layout,
  Spinner,
  TimeAgo,
  type Tone,
  SimpleTable,
} from '../ui/index.ts'
import { alertLinks } from './alert-links.ts'
import { type AlertFilters, useAlerts, useMarkAlertsRead } from './alerts-api.ts'

const KINDS = alertKindSchema.options
const STATES = alertEntryStateSchema.options

/** Every alert the user may see, newest first, filtered by host, kind and state (in the URL). */
export function AlertsPage() {
  const [hostId, setHostId] = useUrlParam('host')
  const [kind, setKind] = useUrlParam('kind')
  const [state, setState] = useUrlParam('state')
  const filters: AlertFilters = {
    hostId,
    kind: alertKindSchema.safeParse(kind).data ?? '',
    state: alertEntryStateSchema.safeParse(state).data ?? '',
  }
  const alerts = useAlerts(filters)
  const hosts = useHosts()
  const markRead = useMarkAlertsRead()
  return (
    <section className={layout.page}>
      <h1>Alerts</h1>
      <div className={layout.filters}>
        <FilterPicker
          label="Host"
          value={hostId}
          options={(hosts.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
          onChange={setHostId}
        />
        <FilterPicker label="Kind" value={kind} options={KINDS} onChange={setKind} />
        <FilterPicker label="State" value={state} options={STATES} onChange={setState} />
        <Button
          busy={markRead.isPending}
          disabled={(alerts.data?.unread ?? 0) === 0}
          onClick={() => {
            markRead.mutate('all')
          }}
        >
          Mark all read
        </Button>
      </div>
      {alerts.isPending ? (
        <Spinner />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : alerts.data.alerts.length === 0 ? (
        <EmptyState title="No alerts match" />
      ) : (
        <AlertTable
          alerts={alerts.data.alerts}
          onRead={(id) => {
            markRead.mutate([id])
          }}
        />
      )}
    </section>
  )
}

function AlertTable({ alerts, onRead }: { alerts: AlertEntry[]; onRead: (id: string) => void }) {
  return (
    <SimpleTable columns={['When', 'State', 'Alert', 'Host', 'Rule', '']}>
      {alerts.map((alert) => (
        <AlertRow key={alert.id} alert={alert} onRead={onRead} />
      ))}
    </SimpleTable>
  )
}

function AlertRow({ alert, onRead }: { alert: AlertEntry; onRead: (id: string) => void }) {
  const links = alertLinks(alert)
  const tone = toneOf(alert)
  return (
    <tr aria-label={alert.title}>
      <td>
        <TimeAgo value={alert.at} />
      </td>
      <td>
        <Badge tone={tone}>{alert.state}</Badge>
      </td>
      <td title={alert.body}>
        {alert.read ? alert.title : <strong>{alert.title}</strong>}{' '}
        {links.subject !== undefined && <Link href={links.subject}>open</Link>}{' '}
        {links.logs !== undefined && <Link href={links.logs}>logs</Link>}{' '}
        {links.capsule !== undefined && <Link href={links.capsule}>capsule</Link>}
      </td>
      <td>{alert.hostName}</td>
      <td>{alert.ruleName}</td>
      <td>
        {!alert.read && (
          <Button
            variant="ghost"
            onClick={() => {
              onRead(alert.id)
            }}
          >
            Mark read
          </Button>
        )}
      </td>
    </tr>
  )
}

/**
 * Over is green; a problem still firing is red or amber by severity; a one-off notice (an image
 * update found, a restart loop) is blue unless its severity says otherwise.
 */
function toneOf(alert: AlertEntry): Tone {
  if (alert.state === 'resolved') return 'ok'
  if (alert.severity === 'critical') return 'bad'
  if (alert.state === 'notice' && alert.severity === 'info') return 'info'
  return 'warn'
}
