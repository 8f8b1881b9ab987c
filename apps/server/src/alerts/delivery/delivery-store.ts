import { randomUUID } from 'node:crypto'
import type { AlertDeliveryStatus, AlertNotice } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

/** One delivery of a notice to one channel: its queue entry and its log line. */
export interface DeliveryRecord {
  id: string
  channelId: string
  notice: AlertNotice
  status: AlertDeliveryStatus
  attempts: number
  lastError: string | null
  nextAttemptAt: number | null
  createdAt: number
  updatedAt: number
}

interface DeliveryRow {
  id: string
  channel_id: string
  notice: string
  status: AlertDeliveryStatus
  attempts: number
  last_error: string | null
  next_attempt_at: number | null
  created_at: number
  updated_at: number
}

/**
 * The delivery queue and log in SQLite: a pending row survives a restart and is tried again.
 * Rows being tried are leased (their next attempt moved past the attempt's timeout) rather than
 * marked, so a crash mid-attempt leaves them due again once the lease runs out.
 */
export class DeliveryStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  enqueue(channelId: string, notice: AlertNotice, now: number): string {
    const id = randomUUID()
    this.#db
      .prepare(
        `INSERT INTO alert_deliveries
           (id, channel_id, notice, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(id, channelId, JSON.stringify(notice), now, now, now)
    return id
  }

  /**
   * Logs a delivery made outside the queue (a channel's test), finished as `outcome` says;
   * nothing when the channel was deleted meanwhile (its log went with it).
   */
  logFinished(
    delivery: { id: string; channelId: string; notice: AlertNotice; createdAt: number },
    outcome: { status: 'sent' | 'failed'; lastError: string | null },
    now: number,
  ): void {
    this.#db
      .prepare(
        `INSERT INTO alert_deliveries
           (id, channel_id, notice, status, attempts, last_error, next_attempt_at, created_at,
            updated_at)
         SELECT ?, ?, ?, ?, 1, ?, NULL, ?, ?
           WHERE EXISTS (SELECT 1 FROM alert_channels WHERE id = ?)`,
      )
      .run(
        delivery.id,
        delivery.channelId,
        JSON.stringify(delivery.notice),
        outcome.status,
        outcome.lastError,
        delivery.createdAt,
        now,
        delivery.channelId,
      )
  }

  /** Takes up to `limit` due rows and leases each until `leaseUntil`. */
  claimDue(now: number, limit: number, leaseUntil: number): DeliveryRecord[] {
    return this.#db.transaction(() => {
      const rows = this.#db
        .prepare(
          `SELECT * FROM alert_deliveries WHERE status IN ('pending', 'held')
             AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
        )
        .all(now, limit) as DeliveryRow[]
      const lease = this.#db.prepare('UPDATE alert_deliveries SET next_attempt_at = ? WHERE id = ?')
      for (const row of rows) lease.run(leaseUntil, row.id)
      return rows.map(toRecord)
    })()
  }

  /** When the next queued row falls due, if any. */
  nextDueAt(): number | undefined {
    const row = this.#db
      .prepare(
        `SELECT MIN(next_attempt_at) AS at FROM alert_deliveries
           WHERE status IN ('pending', 'held')`,
      )
      .get() as { at: number | null }
    return row.at ?? undefined
  }

  /** Records how an attempt (or a decision without one) ended. */
  settle(
    id: string,
    change: {
      status: AlertDeliveryStatus
      attempts: number
      lastError: string | null
      nextAttemptAt: number | null
    },
    now: number,
  ): void {
    this.#db
      .prepare(
        `UPDATE alert_deliveries SET status = ?, attempts = ?, last_error = ?,
           next_attempt_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(change.status, change.attempts, change.lastError, change.nextAttemptAt, now, id)
  }

  /** Held rows of a channel are looked at again now (its quiet hours may have changed). */
  wakeHeld(channelId: string, now: number): void {
    this.#db
      .prepare(
        `UPDATE alert_deliveries SET next_attempt_at = ?
           WHERE channel_id = ? AND status = 'held'`,
      )
      .run(now, channelId)
  }

  /** The channel's newest deliveries first. */
  list(channelId: string, limit: number): DeliveryRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM alert_deliveries WHERE channel_id = ?
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      )
      .all(channelId, limit) as DeliveryRow[]
    return rows.map(toRecord)
  }

  /** Keeps the newest `keep` finished deliveries of a channel; queued ones are never trimmed. */
  trim(channelId: string, keep: number): void {
    this.#db
      .prepare(
        `DELETE FROM alert_deliveries WHERE channel_id = ?
           AND status IN ('sent', 'failed', 'dropped')
           AND rowid NOT IN (
             SELECT rowid FROM alert_deliveries WHERE channel_id = ?
               AND status IN ('sent', 'failed', 'dropped')
               ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      )
      .run(channelId, channelId, keep)
  }
}

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    channelId: row.channel_id,
    notice: JSON.parse(row.notice) as AlertNotice,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
