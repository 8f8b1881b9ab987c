import type { TimelineEntry } from '@harbormaster/contract'
import { Badge, layout, texts, TimeAgo } from '../../ui/index.ts'

/** Rows of a timeline: when, whether the engine or a user, what, on what, who. */
export function TimelineTable({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable} aria-label="Timeline">
        <thead>
          <tr>
            <th>When</th>
            <th>Source</th>
            <th>What</th>
            <th>On</th>
            <th>Who</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) =>
            entry.kind === 'engine' ? (
              <EngineRow key={entry.id} entry={entry} />
            ) : (
              <UserRow key={entry.id} entry={entry} />
            ),
          )}
        </tbody>
      </table>
    </div>
  )
}

function EngineRow({ entry }: { entry: Extract<TimelineEntry, { kind: 'engine' }> }) {
  const exitCode = entry.attributes.exitCode
  return (
    <tr data-kind="engine">
      <td>
        <TimeAgo value={new Date(entry.at).toISOString()} />
      </td>
      <td>
        <Badge tone="muted">engine</Badge>
      </td>
      <td>
        {entry.type} <strong>{entry.action}</strong>
        {exitCode !== undefined && <span className={texts.muted}> (exit {exitCode})</span>}
        {entry.actionDetail !== null && <span className={texts.muted}> {entry.actionDetail}</span>}
      </td>
      <td className={texts.truncate} title={entry.actorId}>
        {entry.actorName ?? entry.actorId.slice(0, 12)}
      </td>
      <td className={texts.muted}>—</td>
    </tr>
  )
}

function UserRow({ entry }: { entry: Extract<TimelineEntry, { kind: 'user' }> }) {
  const tone = entry.status < 400 ? 'ok' : entry.status < 500 ? 'warn' : 'bad'
  return (
    <tr data-kind="user">
      <td>
        <TimeAgo value={new Date(entry.at).toISOString()} />
      </td>
      <td>
        <Badge tone="info">user</Badge>
      </td>
      <td title={entry.parameters ? JSON.stringify(entry.parameters) : undefined}>
        <code>{entry.action}</code> <Badge tone={tone}>{entry.status}</Badge>
        {entry.error && <span className={texts.muted}> {entry.error}</span>}
      </td>
      <td className={texts.truncate} title={entry.target ?? undefined}>
        {entry.targetName ?? entry.target ?? '—'}
      </td>
      <td>
        <strong>{entry.actorName ?? '—'}</strong>
      </td>
    </tr>
  )
}
