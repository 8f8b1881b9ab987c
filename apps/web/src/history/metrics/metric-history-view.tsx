import type { MetricHistory, MetricRange } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { Link } from 'wouter'
import { useMe } from '../../auth/index.ts'
import { formatBinaryBytes, formatBytes, formatPercent } from '../../platform/format.ts'
import { EmptyState, ErrorState, Spinner } from '../../ui/index.ts'
import type { HistoryLine } from './history-columns.ts'
import { containerHistoryOptions, hostHistoryOptions } from './queries.ts'
import styles from './metric-history-view.module.css'

const CPU: HistoryLine[] = [{ metric: 'cpuPercent', label: 'CPU', color: '#3b82f6', band: true }]
const MEMORY: HistoryLine[] = [
  { metric: 'memoryUsed', label: 'Memory', color: '#a855f7', band: true },
]
const NETWORK: HistoryLine[] = [
  { metric: 'networkRx', label: 'Received', color: '#10b981', band: false },
  { metric: 'networkTx', label: 'Sent', color: '#f59e0b', band: false },
]
const BLOCK: HistoryLine[] = [
  { metric: 'blockRead', label: 'Read', color: '#0ea5e9', band: false },
  { metric: 'blockWrite', label: 'Written', color: '#ef4444', band: false },
]
const perSecond = (v: number) => `${formatBytes(v)}/s`
/** uPlot is loaded with the first chart drawn, not with the page. */
const HistoryChart = lazy(() =>
  import('./history-chart.tsx').then((m) => ({ default: m.HistoryChart })),
)

/** A container's kept history over a range (its series survives recreation). */
export function ContainerHistory({
  hostId,
  containerId,
  range,
}: {
  hostId: string
  containerId: string
  range: MetricRange
}) {
  const query = useQuery(containerHistoryOptions(hostId, containerId, range))
  if (query.isPending) return <Spinner label="Reading the history…" />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  return <HistoryCharts history={query.data} hostId={hostId} />
}

/** The host's kept history: its containers added up (those you see). */
export function HostHistory({ hostId, range }: { hostId: string; range: MetricRange }) {
  const query = useQuery(hostHistoryOptions(hostId, range))
  if (query.isPending) return <Spinner label="Reading the history…" />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  return <HistoryCharts history={query.data} hostId={hostId} />
}

/** CPU, memory, network and block I/O over the range, or why there is nothing to show. */
export function HistoryCharts({ history, hostId }: { history: MetricHistory; hostId: string }) {
  return (
    <div>
      {!history.enabled && <HistoryOff hostId={hostId} kept={history.times.length > 0} />}
      {history.times.length === 0 ? (
        history.enabled && (
          <EmptyState title="Nothing kept for this range yet">
            Points are taken every 10 seconds while the container runs.
          </EmptyState>
        )
      ) : (
        <Suspense fallback={<Spinner />}>
          <div className={styles.charts}>
            <HistoryChart title="CPU %" history={history} lines={CPU} format={formatPercent} />
            <HistoryChart
              title="Memory"
              history={history}
              lines={MEMORY}
              format={formatBinaryBytes}
            />
            <HistoryChart
              title="Network (per second)"
              history={history}
              lines={NETWORK}
              format={perSecond}
            />
            <HistoryChart
              title="Block I/O (per second)"
              history={history}
              lines={BLOCK}
              format={perSecond}
            />
          </div>
        </Suspense>
      )}
    </div>
  )
}

/** History is off for the host: say so, and tell an admin where to turn it on. */
function HistoryOff({ hostId, kept }: { hostId: string; kept: boolean }) {
  const me = useMe()
  return (
    <EmptyState title="Metric history is off for this host">
      <p>
        {kept
          ? 'What was kept while it was on is shown below; nothing new is recorded.'
          : 'Nothing is recorded: only the live figures can be shown.'}{' '}
        {me.data?.role === 'admin' ? (
          <>
            Turn it on in{' '}
            <Link href={`/admin/hosts?history=${encodeURIComponent(hostId)}`}>
              Administration → Hosts → History
            </Link>
            .
          </>
        ) : (
          'An administrator can turn it on in the host’s settings.'
        )}
      </p>
    </EmptyState>
  )
}
