import {
  type AlertEntry,
  type AlertEntryState,
  type AlertNotice,
  alertNoticeSchema,
} from '@harbormaster/contract'
import type { Db } from '../db/database.ts'
import { OPEN_UNTIL_RESOLVED } from './evaluation/notices.ts'
import type { StoredAlert } from './evaluation/notifier.ts'

/** The kinds that wait for a recovery, as an SQL list (constants, not input). */
const OPEN_KINDS_SQL = [...OPEN_UNTIL_RESOLVED].map((kind) => `'${kind}'`).join(', ')

/**
 * What the list's state filter means in SQL. One-off kinds are stored `firing` (the state their
 * notice was sent with) but are listed as `notice`: they never wait for a recovery.
 */
const STATE_WHERE: Record<AlertEntryState, string> = {
  firing: `a.state = 'firing' AND a.kind IN (${OPEN_KINDS_SQL})`,
  resolved: `a.state = 'resolved' AND a.kind IN (${OPEN_KINDS_SQL})`,
  notice: `a.kind NOT IN (${OPEN_KINDS_SQL})`,
}

interface AlertRow {
  id: string
  host_id: string
  notice: string
  labels: string
  resolved_at: number | null
  read: number
}

/** Whether a user may see an alert of this host about an object with these labels. */
export type AlertVisibility = (hostId: string, labels: Readonly<Record<string, string>>) => boolean

export interface AlertFilter {
  hostId?: string | undefined
  kind?: string | undefined
  state?: AlertEntryState | undefined
  unread?: boolean | undefined
  limit: number
}

/**
 * Alerts as fired and resolved (table alerts) and who has read which (alert_reads). Rows are
 * filtered by the caller's visibility after the query: the table is bounded by the retention.
 */
export class AlertStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  insert(notice: AlertNotice, labels: Readonly<Record<string, string>>): void {
    this.#db
      .prepare(
        `INSERT INTO alerts (id, rule_id, host_id, kind, state, notice, labels, at, resolved_at)
         VALUES (@id, @ruleId, @hostId, @kind, @state, @notice, @labels, @at, @resolvedAt)`,
      )
      .run({
        id: notice.id,
        ruleId: notice.ruleId,
        hostId: notice.hostId,
        kind: notice.kind,
        state: notice.state,
        notice: JSON.stringify(notice),
        labels: JSON.stringify(labels),
        at: Date.parse(notice.at),
        resolvedAt: notice.state === 'resolved' ? Date.parse(notice.at) : null,
      })
  }

  /**
   * Closes a rule's open alerts, now: the rule was changed or deleted, so nothing will resolve
   * them any more. @returns how many.
   */
  closeOpenOf(ruleId: string, at: number): number {
    return this.#db
      .prepare(
        `UPDATE alerts SET state = 'resolved', resolved_at = @at,
           notice = json_set(notice, '$.state', 'resolved')
         WHERE rule_id = @ruleId AND state = 'firing' AND kind IN (${OPEN_KINDS_SQL})`,
      )
      .run({ ruleId, at }).changes
  }

  /** Records the resolved notice of a firing alert (same id). */
  resolve(notice: AlertNotice): void {
    this.#db
      .prepare(
        `UPDATE alerts SET state = 'resolved', resolved_at = @at,
           notice = json_set(notice, '$.state', 'resolved')
         WHERE id = @id`,
      )
      .run({ id: notice.id, at: Date.parse(notice.at) })
  }

  /**
   * What the rules' memory is rebuilt from at start, oldest first: every alert still firing of
   * the kinds that wait for a recovery, and every alert since `since` (de-duplication windows).
   */
  recent(openKinds: readonly string[], since: number): StoredAlert[] {
    const kinds = openKinds.map(() => '?').join(', ')
    const rows = this.#db
      .prepare(
        `SELECT notice, labels FROM alerts
         WHERE (state = 'firing' AND kind IN (${kinds || "''"})) OR at >= ?
         ORDER BY at, rowid`,
      )
      .all(...openKinds, since) as { notice: string; labels: string }[]
    return rows.map((row) => ({
      notice: alertNoticeSchema.parse(JSON.parse(row.notice)),
      labels: parseLabels(row.labels),
    }))
  }

  list(userId: string, visible: AlertVisibility, filter: AlertFilter): AlertEntry[] {
    const rows = this.#rows(userId, filter)
    const entries: AlertEntry[] = []
    for (const row of rows) {
      if (!visible(row.host_id, parseLabels(row.labels))) continue
      entries.push(toEntry(row))
      if (entries.length >= filter.limit) break
    }
    return entries
  }

  unreadCount(userId: string, visible: AlertVisibility): number {
    return this.#rows(userId, { unread: true }).filter((row) =>
      visible(row.host_id, parseLabels(row.labels)),
    ).length
  }

  /** Marks read those of `ids` (or every alert) the user may see. @returns how many. */
  markRead(userId: string, visible: AlertVisibility, ids: readonly string[] | 'all'): number {
    const wanted = ids === 'all' ? undefined : new Set(ids)
    const rows = this.#rows(userId, { unread: true }).filter(
      (row) =>
        (wanted === undefined || wanted.has(row.id)) &&
        visible(row.host_id, parseLabels(row.labels)),
    )
    const insert = this.#db.prepare(
      'INSERT OR IGNORE INTO alert_reads (user_id, alert_id) VALUES (?, ?)',
    )
    this.#db.transaction(() => {
      for (const row of rows) insert.run(userId, row.id)
    })()
    return rows.length
  }

  /** Drops alerts older than `maxAgeMs` (the audit retention). @returns how many. */
  pruneOlderThan(maxAgeMs: number, now = Date.now()): number {
    return this.#db.prepare('DELETE FROM alerts WHERE at < ?').run(now - maxAgeMs).changes
  }

  #rows(userId: string, filter: Partial<AlertFilter>): AlertRow[] {
    const where = ['1 = 1']
    if (filter.hostId !== undefined) where.push('a.host_id = @hostId')
    if (filter.kind !== undefined) where.push('a.kind = @kind')
    if (filter.state !== undefined) where.push(STATE_WHERE[filter.state])
    if (filter.unread === true) where.push('r.alert_id IS NULL')
    if (filter.unread === false) where.push('r.alert_id IS NOT NULL')
    return this.#db
      .prepare(
        `SELECT a.id, a.host_id, a.notice, a.labels, a.resolved_at,
           r.alert_id IS NOT NULL AS read
         FROM alerts a LEFT JOIN alert_reads r ON r.alert_id = a.id AND r.user_id = @userId
         WHERE ${where.join(' AND ')}
         ORDER BY a.at DESC, a.id`,
      )
      .all({
        userId,
        hostId: filter.hostId ?? null,
        kind: filter.kind ?? null,
      }) as AlertRow[]
  }
}

function toEntry(row: AlertRow): AlertEntry {
  const notice = alertNoticeSchema.parse(JSON.parse(row.notice))
  return {
    ...notice,
    state: OPEN_UNTIL_RESOLVED.has(notice.kind) ? notice.state : 'notice',
    read: row.read === 1,
    ...(row.resolved_at === null ? {} : { resolvedAt: new Date(row.resolved_at).toISOString() }),
  }
}

function parseLabels(text: string): Record<string, string> {
  return JSON.parse(text) as Record<string, string>
}
