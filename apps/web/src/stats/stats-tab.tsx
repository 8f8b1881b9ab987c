import { useMemo, useState } from 'react'
import { type ChartRange, ContainerHistory, RangePicker } from '../history/metrics/index.ts'
import { formatBinaryBytes, formatBytes, formatPercent } from '../platform/format.ts'
import { Badge, EmptyState, forms, layout, Spinner } from '../ui/index.ts'
import { NoStats } from './no-stats.tsx'
import { StatsChart } from './stats-chart.tsx'
import { statsFigures, summarise, type StatsSeries } from './stats-series.ts'
import { useStatsStream } from './use-stats-stream.ts'
import styles from './stats-tab.module.css'

/**
 * Live CPU and memory charts with five minutes of history and the `docker stats` figures, or the
 * history kept over a range (also of a stopped container: its series outlives it).
 */
export function StatsTab({
  hostId,
  containerId,
  running,
  noStatsAt,
}: {
  hostId: string
  containerId: string
  running: boolean
  /** The host's API version when it has no stats (before 1.17). */
  noStatsAt?: string | undefined
}) {
  const [range, setRange] = useState<ChartRange>(running ? 'live' : '1h')
  return (
    <div>
      <div className={styles.rangeBar}>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {range === 'live' ? (
        <LiveStats
          hostId={hostId}
          containerId={containerId}
          running={running}
          noStatsAt={noStatsAt}
        />
      ) : (
        <ContainerHistory hostId={hostId} containerId={containerId} range={range} />
      )}
    </div>
  )
}

function LiveStats({
  hostId,
  containerId,
  running,
  noStatsAt,
}: {
  hostId: string
  containerId: string
  running: boolean
  noStatsAt: string | undefined
}) {
  // An engine whose API version has no stats (before 1.17) is not asked for any.
  const { series, status, error } = useStatsStream(
    hostId,
    containerId,
    running && noStatsAt === undefined,
  )
  if (noStatsAt !== undefined) return <NoStats apiVersion={noStatsAt} />
  if (!running)
    return <EmptyState title="The container is not running">Start it to see live stats.</EmptyState>
  const last = series.last
  const figures = last ? statsFigures(last) : undefined
  const cpuSummary = summarise(series.cpu)
  return (
    <div>
      <div className={layout.liveStatus}>
        <Badge tone={status === 'open' ? 'ok' : status === 'closed' ? 'bad' : 'muted'}>
          {status === 'open' ? 'live' : status}
        </Badge>
        {error !== undefined && (
          <span className={forms.fieldError} role="alert">
            {error}
          </span>
        )}
      </div>
      {!figures ? (
        <Spinner label="Waiting for the first sample…" />
      ) : (
        <dl className={styles.figures}>
          <Figure
            label="CPU %"
            value={figures.cpu}
            hint={`peak ${formatPercent(cpuSummary.peak)}, average ${formatPercent(cpuSummary.average)}`}
          />
          <Figure label="Mem usage / limit" value={figures.memory} />
          <Figure label="Mem %" value={figures.memoryPercent} />
          <Figure label="Net I/O" value={figures.netIo} />
          <Figure label="Block I/O" value={figures.blockIo} />
          <Figure label="PIDs" value={figures.pids} />
        </dl>
      )}
      <StatsCharts series={series} />
    </div>
  )
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className={styles.figure} title={hint}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}

/** CPU, memory and network over the last few minutes. */
function StatsCharts({ series }: { series: StatsSeries }) {
  const cpu = useMemo(() => [{ label: 'CPU', values: series.cpu, color: '#3b82f6' }], [series.cpu])
  const memory = useMemo(
    () => [{ label: 'Memory', values: series.memory, color: '#a855f7' }],
    [series.memory],
  )
  const network = useMemo(
    () => [
      { label: 'Received', values: series.rxRate, color: '#10b981' },
      { label: 'Sent', values: series.txRate, color: '#f59e0b' },
    ],
    [series.rxRate, series.txRate],
  )
  return (
    <div className={styles.charts}>
      <StatsChart
        title="CPU %"
        time={series.time}
        series={cpu}
        format={(v) => formatPercent(v)}
        minimumTop={1}
      />
      <StatsChart
        title="Memory"
        time={series.time}
        series={memory}
        format={formatBinaryBytes}
        minimumTop={1024 * 1024}
      />
      <StatsChart
        title="Network (per second)"
        time={series.time}
        series={network}
        format={(v) => `${formatBytes(v)}/s`}
        minimumTop={1000}
      />
    </div>
  )
}
