import type { Db } from '../../db/database.ts'
import { type TimelineRow, msToNano } from './timeline-rows.ts'

export interface TimelineBounds {
  /** Events older than this many days are removed. */
  retentionDays: number
  /** At most this many events are kept (all hosts together); the oldest go first. */
  maxEvents: number
}

const DAY_MS = 86_400_000

/** Rows deleted per statement while pruning, so a prune never holds the writer for long. */
const PRUNE_CHUNK = 5000

/** The `timeline_events` table: appends (replays ignored), pruning, and its own figures. */
export class TimelineStore {
  readonly #db: Db
  readonly #now: () => number

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db
    this.#now = now
  }

  /**
   * Appends rows inside the caller's transaction; a row already kept (a replay) is skipped.
   * @returns how many were new.
   */
  insert(rows: readonly TimelineRow[]): number {
    const keepShared = this.#db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO timeline_attributes (hash, json) VALUES (?, ?)',
    )
    const sharedId = this.#db
      .prepare<[string], number>('SELECT id FROM timeline_attributes WHERE hash = ?')
      .pluck()
    const keepEvent = this.#db.prepare(
      `INSERT OR IGNORE INTO timeline_events
         (host_id, time_nano, time_ms, type, action, action_detail, actor_id, actor_name, stack,
          attributes_id, extra)
       VALUES (@hostId, @timeNano, @timeMs, @type, @action, @actionDetail, @actorId, @actorName,
          @stack, @attributesId, @extra)`,
    )
    let added = 0
    for (const { shared, sharedHash, ...row } of rows) {
      keepShared.run(sharedHash, shared)
      added += keepEvent.run({ ...row, attributesId: sharedId.get(sharedHash) }).changes
    }
    return added
  }

  count(): number {
    return this.#db.prepare<[], number>('SELECT count(*) FROM timeline_events').pluck().get() ?? 0
  }

  /**
   * Removes events past the age bound, then the oldest past the count bound; returns how many
   * went. Age by the time index (text nanoseconds sort as numbers: all are 19 digits); count by
   * rowid, which follows arrival, so "oldest" is what was kept first.
   */
  prune(bounds: TimelineBounds): number {
    const cutoff = msToNano(this.#now() - bounds.retentionDays * DAY_MS)
    let removed = 0
    removed += this.#inChunks(
      `DELETE FROM timeline_events WHERE rowid IN
         (SELECT rowid FROM timeline_events WHERE time_nano < ? LIMIT ${String(PRUNE_CHUNK)})`,
      cutoff,
    )
    const excess = this.count() - bounds.maxEvents
    if (excess > 0) {
      removed += this.#db
        .prepare(
          `DELETE FROM timeline_events WHERE rowid IN
             (SELECT rowid FROM timeline_events ORDER BY rowid LIMIT ?)`,
        )
        .run(excess).changes
    }
    if (removed > 0) {
      // One pass over the events' attribute ids; sets no event uses any more go.
      this.#db
        .prepare(
          `DELETE FROM timeline_attributes
           WHERE id NOT IN (SELECT attributes_id FROM timeline_events)`,
        )
        .run()
    }
    return removed
  }

  #inChunks(sql: string, ...values: string[]): number {
    const statement = this.#db.prepare(sql)
    let removed = 0
    for (;;) {
      const { changes } = statement.run(...values)
      removed += changes
      if (changes < PRUNE_CHUNK) return removed
    }
  }
}
