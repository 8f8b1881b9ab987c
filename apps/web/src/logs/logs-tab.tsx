import { useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { LogPanel } from './log-panel.tsx'
import { useLogOptions, type LogOptions } from './use-log-options.ts'
import { useLogStream } from './use-log-stream.ts'

/** Live logs with search, stream filter, tail, timestamps and download; all in the URL. */
export function LogsTab({
  hostId,
  containerId,
  tty,
}: {
  hostId: string
  containerId: string
  tty: boolean
}) {
  const o = useLogOptions()
  const [attempt, setAttempt] = useState(0)
  const log = useLogStream({
    hostId,
    containerId,
    tail: o.tail,
    timestamps: o.timestamps,
    follow: o.follow,
    since: o.since,
    until: o.until,
    attempt,
  })
  return (
    <LogPanel
      options={o}
      log={log}
      tty={tty}
      downloadHref={downloadHref(hostId, containerId, o)}
      onReconnect={() => {
        setAttempt((a) => a + 1)
      }}
    />
  )
}

/** The whole log (not just the lines on screen) with the same streams, times and timestamps. */
function downloadHref(hostId: string, containerId: string, o: LogOptions): string {
  const query = new URLSearchParams({
    tail: 'all',
    timestamps: String(o.timestamps),
    stdout: String(o.stream !== 'stderr'),
    stderr: String(o.stream !== 'stdout'),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
  })
  return `${apiPath`/hosts/${hostId}/containers/${containerId}/logs/download`}?${query.toString()}`
}
