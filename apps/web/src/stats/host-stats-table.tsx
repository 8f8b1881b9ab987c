import { statsServerMessageSchema, type StatsSampleDto } from '@harbormaster/contract'
import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl, type LiveStatus } from '../platform/socket.ts'
import { Badge, EmptyState, Spinner } from '../ui/index.ts'
import { statsFigures } from './stats-series.ts'

/** Every running container's latest sample, once a second: what `docker stats` shows. */
export function HostStatsTable({ hostId }: { hostId: string }) {
  const [samples, setSamples] = useState<StatsSampleDto[] | undefined>()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  useEffect(() => {
    const socket = openLiveSocket({
      url: () => wsUrl(apiPath`/hosts/${hostId}/stats`),
      reconnect: true,
      onStatus: setStatus,
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const m = statsServerMessageSchema.safeParse(parseJson(data))
        if (m.success && m.data.type === 'samples') setSamples(m.data.samples)
      },
    })
    return () => {
      socket.close()
    }
  }, [hostId])
  if (samples === undefined) return <Spinner label="Waiting for live figures…" />
  if (samples.length === 0) return <EmptyState title="No running containers" />
  const sorted = [...samples].sort((a, b) => b.cpuPercent - a.cpuPercent)
  const base = `/hosts/${encodeURIComponent(hostId)}/containers`
  return (
    <div className="scroll-x">
      <Badge tone={status === 'open' ? 'ok' : 'muted'}>{status === 'open' ? 'live' : status}</Badge>
      <table className="simple-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>CPU %</th>
            <th>Mem usage / limit</th>
            <th>Mem %</th>
            <th className="hide-phone">Net I/O</th>
            <th className="hide-phone">Block I/O</th>
            <th className="hide-phone">PIDs</th>
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
                <td className="mono">{f.cpu}</td>
                <td className="mono">{f.memory}</td>
                <td className="mono">{f.memoryPercent}</td>
                <td className="mono hide-phone">{f.netIo}</td>
                <td className="mono hide-phone">{f.blockIo}</td>
                <td className="mono hide-phone">{f.pids}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
