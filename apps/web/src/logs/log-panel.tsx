import { useMemo, useRef, type ReactNode } from 'react'
import { Badge, Button, forms, layout, texts, useSlashFocus } from '../ui/index.ts'
import { LogControls } from './log-controls.tsx'
import { compileSearch, type LogEntry, visibleEntries } from './log-buffer.ts'
import { LogView } from './log-view.tsx'
import type { LogOptions } from './use-log-options.ts'

export type LogStreamStatus = 'connecting' | 'live' | 'ended' | 'disconnected'

/** What a log stream hook gives the panel. */
export interface LogStreamState {
  entries: LogEntry[]
  status: LogStreamStatus
  error: string | undefined
}

/**
 * A live log with its controls: search (plain or regex, highlighted), stream filter, tail,
 * since, timestamps, follow, download; its status, and a reconnect when the socket dropped.
 * One container's log and a stack's merged one alike.
 */
export function LogPanel({
  options: o,
  log,
  onReconnect,
  tty,
  downloadHref,
  filters,
  sourceColour,
}: {
  options: LogOptions
  log: LogStreamState
  onReconnect: () => void
  tty: boolean
  downloadHref?: string | undefined
  filters?: ReactNode
  sourceColour?: ((service: string) => string) | undefined
}) {
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)
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
        downloadHref={downloadHref}
      >
        {filters}
      </LogControls>
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
        {log.status === 'disconnected' && <Button onClick={onReconnect}>Reconnect</Button>}
      </div>
      <LogView
        entries={shown}
        pattern={search.pattern}
        timestamps={o.timestamps}
        follow={o.follow}
        sourceColour={sourceColour}
      />
    </div>
  )
}
