import type {
  RecordingMode,
  TerminalSession,
  TerminalSessionEnd,
  TerminalSessionKind,
} from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

/** What is known when a session starts. */
export interface SessionStart {
  id: string
  kind: TerminalSessionKind
  hostId: string
  containerId: string
  containerName: string
  containerLabels: Record<string, string>
  userId: string | null
  userName: string
  command: string[]
  execUser: string | null
  execUserEffective: string | null
  startedAt: number
  recording: RecordingMode
  recordingFile: string | null
}

/** What is known when it ends. */
export interface SessionEnd {
  id: string
  endedAt: number
  exitCode: number | null
  bytesIn: number
  bytesOut: number
  endedHow: TerminalSessionEnd
  recordingBytes: number
  recordingNote: string | null
}

export type SessionWrite = { op: 'start'; row: SessionStart } | { op: 'end'; row: SessionEnd }

interface Row {
  id: string
  kind: TerminalSessionKind
  host_id: string
  container_id: string
  container_name: string
  container_labels: string
  user_id: string | null
  user_name: string
  command: string
  exec_user: string | null
  exec_user_effective: string | null
  started_at: number
  ended_at: number | null
  exit_code: number | null
  bytes_in: number
  bytes_out: number
  ended_how: TerminalSessionEnd | null
  recording: RecordingMode
  recording_file: string | null
  recording_bytes: number
  recording_note: string | null
}

/** A stored session with what the routes decide on (labels for scope, the recording's file). */
export interface StoredSession {
  session: TerminalSession
  labels: Record<string, string>
  recordingFile: string | null
}

export interface SessionFilter {
  hostId?: string | undefined
  /** The rows of this user id only (a caller's own). */
  userId?: string | undefined
  /** A user's name or id (an admin's filter). */
  user?: string | undefined
  container?: string | undefined
  before?: number | undefined
}

/** The terminal_sessions table: written in batches (see TerminalSessions), read by the routes. */
export class SessionStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  /** Applies starts and ends in order; called inside one transaction by BatchedWrites. */
  write(rows: readonly SessionWrite[]): void {
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO terminal_sessions (id, kind, host_id, container_id, container_name,
         container_labels, user_id, user_name, command, exec_user, exec_user_effective,
         started_at, recording, recording_file)
       VALUES (@id, @kind, @hostId, @containerId, @containerName, @labels, @userId, @userName,
         @command, @execUser, @execUserEffective, @startedAt, @recording, @recordingFile)`,
    )
    const update = this.#db.prepare(
      `UPDATE terminal_sessions SET ended_at = @endedAt, exit_code = @exitCode,
         bytes_in = @bytesIn, bytes_out = @bytesOut, ended_how = @endedHow,
         recording_bytes = @recordingBytes, recording_note = @recordingNote
       WHERE id = @id`,
    )
    for (const write of rows) {
      if (write.op === 'start') {
        const { containerLabels, command, ...row } = write.row
        insert.run({
          ...row,
          labels: JSON.stringify(containerLabels),
          command: JSON.stringify(command),
        })
      } else update.run(write.row)
    }
  }

  /** Sessions a previous run left open: the server stopped without finishing them. */
  markUnfinished(): number {
    return this.#db
      .prepare(`UPDATE terminal_sessions SET ended_how = 'unknown' WHERE ended_how IS NULL`)
      .run().changes
  }

  get(id: string): StoredSession | undefined {
    const row = this.#db.prepare('SELECT * FROM terminal_sessions WHERE id = ?').get(id) as
      Row | undefined
    return row && toStored(row)
  }

  /**
   * Newest first, filtered, then narrowed by `visible` until `limit` are found: rows are read
   * lazily, so a caller who sees few of them costs a scan of the index, not a load of the table.
   */
  *list(filter: SessionFilter): Generator<StoredSession> {
    const clauses: [string, (string | number)[]][] = []
    if (filter.hostId !== undefined) clauses.push(['host_id = ?', [filter.hostId]])
    if (filter.userId !== undefined) clauses.push(['user_id = ?', [filter.userId]])
    if (filter.user !== undefined) {
      const { user } = filter
      clauses.push(['(user_id = ? OR user_name = ?)', [user, user]])
    }
    if (filter.container !== undefined) {
      const { container } = filter
      clauses.push(['(container_id = ? OR container_name = ?)', [container, container]])
    }
    if (filter.before !== undefined) clauses.push(['started_at < ?', [filter.before]])
    const where = clauses.map(([clause]) => clause)
    const params = clauses.flatMap(([, values]) => values)
    const sql = `SELECT * FROM terminal_sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY started_at DESC, id DESC`
    for (const row of this.#db.prepare(sql).iterate(...params) as Iterable<Row>) yield toStored(row)
  }
}

function toStored(row: Row): StoredSession {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  return {
    labels: JSON.parse(row.container_labels) as Record<string, string>,
    recordingFile: row.recording_file,
    session: {
      id: row.id,
      kind: row.kind,
      hostId: row.host_id,
      containerId: row.container_id,
      containerName: row.container_name,
      userId: row.user_id,
      userName: row.user_name,
      command: JSON.parse(row.command) as string[],
      execUser: row.exec_user,
      execUserEffective: row.exec_user_effective,
      startedAt: new Date(row.started_at).toISOString(),
      endedAt: iso(row.ended_at),
      durationMs: row.ended_at === null ? null : Math.max(0, row.ended_at - row.started_at),
      exitCode: row.exit_code,
      bytesIn: row.bytes_in,
      bytesOut: row.bytes_out,
      endedHow: row.ended_how,
      recording: row.recording,
      recordingAvailable: row.recording_file !== null,
      recordingBytes: row.recording_bytes,
      recordingNote: row.recording_note,
    },
  }
}
