import { clsx } from 'clsx'
import { Link } from 'wouter'
import {
  Badge,
  EmptyState,
  ErrorState,
  layout,
  RefreshFailed,
  Spinner,
  texts,
} from '../ui/index.ts'
import { statsFigures } from './stats-series.ts'
import { useHostStats } from './use-host-stats.ts'

/** Every running container's latest sample, once a second: what `docker stats` shows. */
export function HostStatsTable({ hostId }: { hostId: string }) {
  const { samples, status, error, retry } = useHostStats(hostId)
  // A final close does not reconnect by itself; an error may come before any figures do.
  const stopped = status === 'closed' ? (error ?? 'The server ended the live figures') : error
  if (samples === undefined) {
    if (stopped !== undefined)
      return <ErrorState title="No live figures" error={stopped} onRetry={retry} />
    return (
      <Spinner
        label={
          status === 'reconnecting' ? 'Reconnecting for live figures…' : 'Waiting for live figures…'
        }
      />
    )
  }
  if (samples.length === 0 && stopped === undefined)
    return <EmptyState title="No running containers" />
  const sorted = [...samples].sort((a, b) => b.cpuPercent - a.cpuPercent)
  const base = `/hosts/${encodeURIComponent(hostId)}/containers`
  return (
    <div className={texts.scrollX}>
      <Badge tone={status === 'open' ? 'ok' : 'muted'}>{status === 'open' ? 'live' : status}</Badge>
      {stopped !== undefined && <RefreshFailed error={stopped} onRetry={retry} />}
      <table className={layout.simpleTable}>
        <thead>
          <tr>
            <th>Name</th>
            <th>CPU %</th>
            <th>Mem usage / limit</th>
            <th>Mem %</th>
            <th className={texts.hidePhone}>Net I/O</th>
            <th className={texts.hidePhone}>Block I/O</th>
            <th className={texts.hidePhone}>PIDs</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => {
            const f = statsFigures(s)
            return (
              <tr key={s.id}>
                <td>
                  <Link href={`${base}/${encodeURIComponent(s.id)}/stats`}>
                    {s.name.replace(/^\//, '')}
                  </Link>
                </td>
                <td className={texts.mono}>{f.cpu}</td>
                <td className={texts.mono}>{f.memory}</td>
                <td className={texts.mono}>{f.memoryPercent}</td>
                <td className={clsx(texts.mono, texts.hidePhone)}>{f.netIo}</td>
                <td className={clsx(texts.mono, texts.hidePhone)}>{f.blockIo}</td>
                <td className={clsx(texts.mono, texts.hidePhone)}>{f.pids}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
