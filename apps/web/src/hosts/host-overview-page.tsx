import type { DiskUsage, EngineInfo } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { useParams } from 'wouter'
import { formatBinaryBytes, formatBytes } from '../platform/format.ts'
import { EmptyState, ErrorState, layout, Spinner, texts, TimeAgo } from '../ui/index.ts'
import { type ChartRange, RangePicker } from '../history/metrics/range-picker.tsx'
import { diskUsageOptions, engineInfoOptions } from './overview-queries.ts'
import { useHost } from './queries.ts'
import { RecentEvents } from './recent-events.tsx'

const HostStatsTable = lazy(() =>
  import('../stats/index.ts').then((m) => ({ default: m.HostStatsTable })),
)
const HostHistory = lazy(() =>
  import('../history/metrics/index.ts').then((m) => ({ default: m.HostHistory })),
)

/** A host at a glance: the engine, counts by state, disk usage, live usage, recent events. */
export function HostOverviewPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const info = useQuery(engineInfoOptions(hostId))
  const df = useQuery(diskUsageOptions(hostId))
  return (
    <section className={layout.page}>
      <h1>Overview</h1>
      <div className={layout.overviewGrid}>
        {info.isPending && <Spinner />}
        {info.isError && <ErrorState error={info.error} onRetry={() => void info.refetch()} />}
        {info.isSuccess && <EngineCard info={info.data} />}
        {info.isSuccess && <CountsCard info={info.data} />}
        {df.isPending && <Spinner label="Measuring disk usage…" />}
        {df.isError && <ErrorState error={df.error} onRetry={() => void df.refetch()} />}
        {df.isSuccess && <DiskCard usage={df.data} />}
      </div>
      <UsageCard hostId={hostId} />
      <RecentEvents hostId={hostId} />
    </section>
  )
}

/** The running containers live, or the host's kept history over a range. */
function UsageCard({ hostId }: { hostId: string }) {
  const [range, setRange] = useState<ChartRange>('live')
  // An engine whose API version has no stats (before 1.17) is not asked for live figures.
  const host = useHost(hostId)
  const hasStats = host?.capabilities?.stats !== false
  return (
    <section className={layout.card}>
      <div className={layout.pageHead}>
        <h2>{range === 'live' ? 'Running containers' : 'Usage of the host'}</h2>
        <span className={layout.pushEnd}>
          <RangePicker value={range} onChange={setRange} />
        </span>
      </div>
      <Suspense fallback={<Spinner />}>
        {range === 'live' && !hasStats ? (
          <EmptyState title="No stats on this engine">
            This engine&rsquo;s API {host?.apiVersion} has no stats (they came with API 1.17).
          </EmptyState>
        ) : range === 'live' ? (
          <HostStatsTable hostId={hostId} />
        ) : (
          <HostHistory hostId={hostId} range={range} />
        )}
      </Suspense>
    </section>
  )
}

function EngineCard({ info }: { info: EngineInfo }) {
  return (
    <section className={layout.card}>
      <h2>Engine</h2>
      <Row label="Name">{info.name}</Row>
      <Row label="Version">{info.serverVersion}</Row>
      <Row label="OS">{info.operatingSystem}</Row>
      <Row label="Kernel">{info.kernelVersion}</Row>
      <Row label="CPUs / memory">
        {info.ncpu} / {formatBinaryBytes(info.memTotal)}
      </Row>
      <Row label="Storage">{info.storageDriver}</Row>
      {info.cgroupVersion !== undefined && <Row label="cgroup">v{info.cgroupVersion}</Row>}
      {info.warnings.map((w) => (
        <p key={w} className={texts.muted}>
          {w}
        </p>
      ))}
    </section>
  )
}

function CountsCard({ info }: { info: EngineInfo }) {
  return (
    <section className={layout.card}>
      <h2>Containers and images</h2>
      <Row label="Running">{info.containersRunning}</Row>
      <Row label="Paused">{info.containersPaused}</Row>
      <Row label="Stopped">{info.containersStopped}</Row>
      <Row label="Total">{info.containers}</Row>
      <Row label="Images">{info.images}</Row>
      <Row label="Swarm">{info.swarm.localNodeState || 'inactive'}</Row>
    </section>
  )
}

function DiskCard({ usage }: { usage: DiskUsage }) {
  const sum = (values: (number | undefined)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0)
  return (
    <section className={layout.card}>
      <h2>Disk usage</h2>
      <Row label="Images">{formatBytes(usage.layersSize)}</Row>
      <Row label="Containers">{formatBytes(sum(usage.containers.map((c) => c.sizeRw)))}</Row>
      <Row label="Volumes">{formatBytes(sum(usage.volumes.map((v) => v.size)))}</Row>
      <Row label="Build cache">{formatBytes(sum(usage.buildCache.map((b) => b.size)))}</Row>
      <p className={texts.muted}>
        <TimeAgo value={usage.measuredAt} prefix="Measured" />
      </p>
    </section>
  )
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className={layout.row}>
      <span className={layout.rowLabel}>{label}</span>
      <span className={layout.rowValue}>{children}</span>
    </div>
  )
}
