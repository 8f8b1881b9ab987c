import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../../db/database.ts'

export interface RetentionBounds {
  /** Session rows older than this are deleted (with their recordings). */
  rowMaxAgeMs: number
  /** Rows kept at most, newest first: a bound on the table whatever the traffic. */
  rowMaxCount: number
  /** Recordings older than this are deleted; their rows stay. */
  recordingMaxAgeMs: number
  /** All recordings together at most; the oldest are deleted first. One file stops here too. */
  recordingMaxBytes: number
}

/** Rows a server this busy would reach in years: 100 sessions a day for almost three. */
export const SESSION_ROWS_MAX = 100_000

interface FileRow {
  id: string
  started_at: number
  recording_file: string
  recording_bytes: number
}

/**
 * Deletes what is past the bounds: rows by age and count, recordings by age and then by total
 * size, oldest first. A session still running keeps its file (it is being written). Files in
 * the directory that no row names (a crash between the file and its row) go too.
 */
export function pruneSessions(db: Db, dir: string, bounds: RetentionBounds, now: number): void {
  const doomed: string[] = []
  db.transaction(() => {
    const rowCutoff = now - bounds.rowMaxAgeMs
    const old = db
      .prepare(
        `SELECT recording_file FROM terminal_sessions WHERE started_at < ?
           AND recording_file IS NOT NULL`,
      )
      .all(rowCutoff) as { recording_file: string }[]
    doomed.push(...old.map((row) => row.recording_file))
    db.prepare('DELETE FROM terminal_sessions WHERE started_at < ?').run(rowCutoff)
    const extra = db
      .prepare(
        `SELECT id, recording_file FROM terminal_sessions
           ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?`,
      )
      .all(bounds.rowMaxCount) as { id: string; recording_file: string | null }[]
    const dropRow = db.prepare('DELETE FROM terminal_sessions WHERE id = ?')
    for (const row of extra) {
      if (row.recording_file !== null) doomed.push(row.recording_file)
      dropRow.run(row.id)
    }
    doomed.push(...pruneRecordings(db, bounds, now))
  })()
  for (const file of doomed) rmSync(join(dir, file), { force: true })
  removeOrphans(db, dir)
}

/** Recordings past their age, then the oldest until the rest fit in the size bound. */
function pruneRecordings(db: Db, bounds: RetentionBounds, now: number): string[] {
  const rows = db
    .prepare(
      `SELECT id, started_at, recording_file, recording_bytes FROM terminal_sessions
         WHERE recording_file IS NOT NULL AND ended_how IS NOT NULL ORDER BY started_at, id`,
    )
    .all() as FileRow[]
  const forget = db.prepare(
    `UPDATE terminal_sessions SET recording_file = NULL,
       recording_note = coalesce(recording_note || '; ', '') || ? WHERE id = ?`,
  )
  const cutoff = now - bounds.recordingMaxAgeMs
  let total = rows.reduce((sum, row) => sum + row.recording_bytes, 0)
  const doomed: string[] = []
  for (const row of rows) {
    const tooOld = row.started_at < cutoff
    if (!tooOld && total <= bounds.recordingMaxBytes) break
    forget.run(tooOld ? 'recording deleted: past its age' : 'recording deleted: size bound', row.id)
    total -= row.recording_bytes
    doomed.push(row.recording_file)
  }
  return doomed
}

function removeOrphans(db: Db, dir: string): void {
  const rows = db
    .prepare('SELECT recording_file FROM terminal_sessions WHERE recording_file IS NOT NULL')
    .all() as { recording_file: string }[]
  const named = new Set(rows.map((row) => row.recording_file))
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.cast') && !named.has(file)) rmSync(join(dir, file), { force: true })
  }
}
