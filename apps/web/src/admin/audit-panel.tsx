import type { AuditEntry } from '@harbormaster/contract'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useUrlParam } from '../app/url-state.ts'
import { api, unwrap } from '../platform/api-client.ts'
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  FilterField,
  layout,
  Spinner,
  texts,
  TimeAgo,
  SimpleTable,
} from '../ui/index.ts'

/** The audit log, newest first, filtered by action, host and status (all in the URL). */
export function AuditPanel() {
  const [action, setAction] = useUrlParam('action')
  const [hostId, setHostId] = useUrlParam('host')
  const [status, setStatus] = useUrlParam('status')
  const audit = useInfiniteQuery({
    queryKey: ['admin', 'audit', { action, hostId, status }],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.audit.$get({
          query: {
            action: action || undefined,
            hostId: hostId || undefined,
            ...(/^\d{3}$/.test(status) ? { status } : {}),
            ...(pageParam === undefined ? {} : { before: String(pageParam) }),
          },
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  })
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? []
  return (
    <div>
      <div className={layout.filters}>
        <FilterField
          label="Action"
          placeholder="action, e.g. container.stop"
          value={action}
          onChange={setAction}
        />
        <FilterField label="Host" placeholder="host id" value={hostId} onChange={setHostId} />
        <FilterField
          label="Status"
          placeholder="status, e.g. 403"
          numeric
          value={status}
          onChange={setStatus}
        />
      </div>
      {audit.isPending ? (
        <Spinner />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="No entries match" />
      ) : (
        <AuditTable entries={entries} />
      )}
      {audit.hasNextPage && (
        <Button busy={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          Older entries
        </Button>
      )}
    </div>
  )
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <SimpleTable columns={['When', 'Who', 'Action', 'Target', 'Host', 'Result']}>
      {entries.map((e) => (
        <tr key={e.id}>
          <td>
            <TimeAgo value={e.at} />
          </td>
          <td>{e.actorName ?? '—'}</td>
          <td>
            <code>{e.action}</code>
          </td>
          <td
            className={texts.truncate}
            title={e.parameters ? JSON.stringify(e.parameters) : undefined}
          >
            {e.target ?? '—'}
          </td>
          <td>{e.hostId ?? '—'}</td>
          <td>
            <Badge tone={e.status < 400 ? 'ok' : e.status < 500 ? 'warn' : 'bad'}>{e.status}</Badge>{' '}
            {e.error}
          </td>
        </tr>
      ))}
    </SimpleTable>
  )
}
