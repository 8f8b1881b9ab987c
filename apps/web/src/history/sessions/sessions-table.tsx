import type { TerminalSession, TerminalSessionEnd } from '@harbormaster/contract'
import { Badge, Button, texts, TimeAgo, type Tone, SimpleTable } from '../../ui/index.ts'

const ENDINGS: Record<TerminalSessionEnd, { label: string; tone: Tone }> = {
  exited: { label: 'exited', tone: 'ok' },
  'closed-by-user': { label: 'closed by the user', tone: 'muted' },
  'browser-gone': { label: 'browser gone', tone: 'warn' },
  'server-shutdown': { label: 'server shut down', tone: 'warn' },
  'credentials-changed': { label: 'credentials changed', tone: 'warn' },
  'host-changed': { label: 'host changed', tone: 'warn' },
  'engine-error': { label: 'engine error', tone: 'bad' },
  unknown: { label: 'unknown (server stopped)', tone: 'bad' },
}

const duration = (ms: number | null) => {
  if (ms === null) return '—'
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

const bytes = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`)

/** Terminal sessions, newest first; `onReplay` (admins) adds a Replay button to recorded ones. */
export function SessionsTable({
  sessions,
  onReplay,
}: {
  sessions: TerminalSession[]
  onReplay?: ((session: TerminalSession) => void) | undefined
}) {
  return (
    <SimpleTable
      columns={[
        'When',
        'Who',
        'Container',
        'Command',
        'As',
        'Duration',
        'Exit',
        'In / out',
        'Ended',
        'Recording',
      ]}
    >
      {sessions.map((s) => (
        <tr key={s.id}>
          <td>
            <TimeAgo value={s.startedAt} />
          </td>
          <td>{s.userName}</td>
          <td>
            {s.hostId}/{s.containerName}
          </td>
          <td className={texts.truncate} title={s.command.join(' ')}>
            <code>{s.command.join(' ')}</code>
          </td>
          <td>{s.execUserEffective ?? '—'}</td>
          <td>{duration(s.durationMs)}</td>
          <td>{s.exitCode ?? '—'}</td>
          <td>
            {bytes(s.bytesIn)} / {bytes(s.bytesOut)}
          </td>
          <td>
            {s.endedHow === null ? (
              <Badge tone="ok">running</Badge>
            ) : (
              <Badge tone={ENDINGS[s.endedHow].tone}>{ENDINGS[s.endedHow].label}</Badge>
            )}
          </td>
          <td title={s.recordingNote ?? undefined}>
            <RecordingCell session={s} onReplay={onReplay} />
          </td>
        </tr>
      ))}
    </SimpleTable>
  )
}

function RecordingCell({
  session,
  onReplay,
}: {
  session: TerminalSession
  onReplay: ((session: TerminalSession) => void) | undefined
}) {
  if (session.recording === 'off') return <span className={texts.muted}>off</span>
  if (!session.recordingAvailable) return <span className={texts.muted}>deleted</span>
  const what = session.recording === 'output' ? 'output' : 'output + input'
  if (!onReplay) return <span>{what}</span>
  return (
    <Button
      variant="ghost"
      aria-label={`Replay the session of ${session.userName} in ${session.containerName}`}
      onClick={() => {
        onReplay(session)
      }}
    >
      Replay ({what})
    </Button>
  )
}
