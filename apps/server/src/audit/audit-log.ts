import { MAX_AUDIT_PAGE } from '@harbormaster/contract'
import type { Db } from '../db/database.ts'
import { redact } from './redact.ts'

/** Parameters bigger than this are stored as a marker: the log is for who/what, not payloads. */
const MAX_PARAMETERS_CHARS = 8192

export interface AuditEvent {
  actorId?: string | null | undefined
  actorName?: string | null | undefined
  hostId?: string | null | undefined
  /** `<capability>.<verb>`, e.g. `auth.login`, `container.stop`. */
  action: string
  target?: string | null | undefined
  /** Redacted again here, whoever the caller is. */
  parameters?: Record<string, unknown> | null | undefined
  /** The HTTP status the caller received. */
  status: number
  error?: string | null | undefined
  address?: string | null | undefined
}

export interface AuditRecord {
  id: number
  at: number
  actorId: string | null
  actorName: string | null
  hostId: string | null
  action: string
  target: string | null
  parameters: Record<string, unknown> | null
  status: number
  error: string | null
  address: string | null
}

export interface AuditFilter {
  actorId?: string | undefined
  action?: string | undefined
  hostId?: string | undefined
  /** Unix ms, inclusive. */
  since?: number | undefined
  /** Unix ms, exclusive. */
  until?: number | undefined
  status?: number | undefined
  limit: number
  /** Only entries with a smaller id (the previous page's `nextBefore`). */
  before?: number | undefined
}

type AuditRow = Omit<AuditRecord, 'parameters'> & { parameters: string | null }

function serialise(parameters: AuditEvent['parameters']): string | null {
  if (!parameters) return null
  const json = JSON.stringify(redact(parameters))
  return json.length <= MAX_PARAMETERS_CHARS ? json : JSON.stringify({ truncated: true })
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null
  const value: unknown = JSON.parse(json)
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}

/** The append-only record of who attempted what, read by admins newest first. */
export class AuditLog {
  readonly #db: Db
  readonly #now: () => number

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
  }

  /** Appends one entry and returns its id. */
  record(event: AuditEvent): number {
    const result = this.#db
      .prepare(
        `INSERT INTO audit_log
           (at, actor_id, actor_name, host_id, action, target, parameters, status, error, address)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.#now(),
        event.actorId ?? null,
        event.actorName ?? null,
        event.hostId ?? null,
        event.action,
        event.target ?? null,
        serialise(event.parameters),
        event.status,
        event.error ?? null,
        event.address ?? null,
      )
    return Number(result.lastInsertRowid)
  }

  /** One page of entries matching every given filter, newest first. */
  /** Deletes entries older than `maxAgeMs`; returns how many went. */
  pruneOlderThan(maxAgeMs: number): number {
    return this.#db.prepare('DELETE FROM audit_log WHERE at < ?').run(this.#now() - maxAgeMs)
      .changes
  }

  query(filter: AuditFilter): { entries: AuditRecord[]; nextBefore: number | null } {
    const clauses: string[] = []
    const values: (string | number)[] = []
    const where = (sql: string, value: string | number | undefined) => {
      if (value === undefined) return
      clauses.push(sql)
      values.push(value)
    }
    where('actor_id = ?', filter.actorId)
    where('action = ?', filter.action)
    where('host_id = ?', filter.hostId)
    where('at >= ?', filter.since)
    where('at < ?', filter.until)
    where('status = ?', filter.status)
    where('id < ?', filter.before)
    const limit = Math.min(Math.max(1, filter.limit), MAX_AUDIT_PAGE)
    const rows = this.#db
      .prepare<(string | number)[], AuditRow>(
        `SELECT id, at, actor_id AS actorId, actor_name AS actorName, host_id AS hostId, action,
                target, parameters, status, error, address
         FROM audit_log ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT ?`,
      )
      .all(...values, limit + 1)
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return {
      entries: page.map((row) => ({ ...row, parameters: parse(row.parameters) })),
      nextBefore: rows.length > limit && last ? last.id : null,
    }
  }
}
