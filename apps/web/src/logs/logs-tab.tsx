import { useMemo, useRef, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { Badge, Button, forms, layout, texts, useSlashFocus } from '../ui/index.ts'
import { LogControls } from './log-controls.tsx'
import { compileSearch, visibleEntries } from './log-buffer.ts'
import { LogView } from './log-view.tsx'
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
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)
  const log = useLogStream({
    hostId,
    containerId,
    tail: o.tail,
    timestamps: o.timestamps,
    follow: o.follow,
    since: o.since,
    attempt,
  })
  const search = useMemo(
    () => compileSearch({ query: o.query, regex: o.regex, caseSensitive: o.caseSensitive }),
    [o.query, o.regex, o.caseSensitive],
  )
  const shown = useMemo(
    () => visibleEntries(log.entries, o.stream, search.pattern, !o.allLines),
    [log.entries, o.stream, search, o.allLines],
  )
  return (
    <div>
      <LogControls
        options={o}
        searchRef={searchRef}
        searchError={search.error}
        tty={tty}
        downloadHref={downloadHref(hostId, containerId, o)}
      />
      <div className={layout.liveStatus}>
        <Badge
          tone={log.status === 'live' ? 'ok' : log.status === 'disconnected' ? 'bad' : 'muted'}
        >
          {log.status === 'live' ? 'live' : log.status === 'ended' ? 'end of log' : log.status}
        </Badge>
        {search.error !== undefined && <span className={forms.fieldError}>{search.error}</span>}
        {o.query !== '' && search.error === undefined && (
          <span className={texts.muted}>
            {shown.filter((e) => e.stream !== 'notice').length} matching lines
          </span>
        )}
        {log.error !== undefined && (
          <span className={forms.fieldError} role="alert">
            {log.error}
          </span>
        )}
        {log.status === 'disconnected' && (
          <Button
            onClick={() => {
              setAttempt((a) => a + 1)
            }}
          >
            Reconnect
          </Button>
        )}
      </div>
      <LogView
        entries={shown}
        pattern={search.pattern}
        timestamps={o.timestamps}
        follow={o.follow}
      />
    </div>
  )
}

/** The whole log (not just the lines on screen) with the same streams, since and timestamps. */
function downloadHref(hostId: string, containerId: string, o: LogOptions): string {
  const query = new URLSearchParams({
    tail: 'all',
    timestamps: String(o.timestamps),
    stdout: String(o.stream !== 'stderr'),
    stderr: String(o.stream !== 'stdout'),
    ...(o.since ? { since: o.since } : {}),
  })
  return `${apiPath`/hosts/${hostId}/containers/${containerId}/logs/download`}?${query.toString()}`
}
