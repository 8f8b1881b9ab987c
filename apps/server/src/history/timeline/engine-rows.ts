import type { TimelineEngineEntry } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'
import type { TimelineFilter } from './timeline-filter.ts'
import {
  Where,
  beforeCursor,
  containsPattern,
  isIdPrefix,
  parseCursor,
  scopeSql,
} from './timeline-sql.ts'

interface EventRow {
  id: number
  timeNano: string
  timeMs: number
  type: string
  action: string
  actionDetail: string | null
  actorId: string
  actorName: string | null
  stack: string | null
  shared: string
  extra: string | null
}

/**
 * The engine events that match, newest first, `limit` at most. A caller with a label scope sees
 * what the events socket sends them (events/routes.ts): image events, which every role reads
 * host-wide, and events whose attributes carry the scope's label (a container's do); network and
 * volume events carry no labels and are not theirs.
 */
export function engineRows(db: Db, filter: TimelineFilter, limit: number): TimelineEngineEntry[] {
  const where = new Where()
  where.add('e.host_id = ?', filter.hostId)
  if (filter.container !== undefined) containerClause(where, filter.container)
  if (filter.stack !== undefined) where.add('e.stack = ?', filter.stack)
  if (filter.type !== undefined) where.add('e.type = ?', filter.type)
  if (filter.action !== undefined) where.add('e.action = ?', filter.action)
  if (filter.q !== undefined) {
    const pattern = containsPattern(filter.q)
    where.add(`(e.actor_name LIKE ? ESCAPE '\\' OR e.action LIKE ? ESCAPE '\\')`, pattern, pattern)
  }
  if (filter.since !== undefined) where.add('e.time_ms >= ?', filter.since)
  if (filter.until !== undefined) where.add('e.time_ms < ?', filter.until)
  if (filter.before !== undefined) {
    beforeCursor(where, parseCursor(filter.before), { kind: 'e', time: 'e.time_ms', id: 'e.id' })
  }
  if (filter.labelScope !== undefined) {
    // Matched once per distinct attribute set (a container's labels), not once per event.
    const scope = scopeSql('t.json', filter.labelScope)
    where.add(
      `(e.type = 'image' OR e.attributes_id IN (
         SELECT t.id FROM timeline_attributes t WHERE ${scope.sql}))`,
      ...scope.values,
    )
  }
  const rows = db
    .prepare<(string | number)[], EventRow>(
      `SELECT e.id, e.time_nano AS timeNano, e.time_ms AS timeMs, e.type, e.action,
              e.action_detail AS actionDetail, e.actor_id AS actorId, e.actor_name AS actorName,
              e.stack, t.json AS shared, e.extra
       FROM timeline_events e JOIN timeline_attributes t ON t.id = e.attributes_id ${where.sql}
       ORDER BY e.time_ms DESC, e.id DESC LIMIT ?`,
    )
    .all(...where.values, limit)
  return rows.map(toEngineEntry)
}

/** A container by name (every container that had it), full id or id prefix. */
function containerClause(where: Where, container: string): void {
  if (isIdPrefix(container)) {
    // Ids are lowercase hex: every id with this prefix sorts below prefix + 'g'.
    where.add(
      `e.type = 'container' AND ((e.actor_id >= ? AND e.actor_id < ?) OR e.actor_name = ?)`,
      container,
      `${container}g`,
      container,
    )
  } else {
    where.add(`e.type = 'container' AND e.actor_name = ?`, container)
  }
}

function toEngineEntry(row: EventRow): TimelineEngineEntry {
  return {
    kind: 'engine',
    id: `e${String(row.id)}`,
    at: row.timeMs,
    timeNano: row.timeNano,
    type: row.type,
    action: row.action,
    actionDetail: row.actionDetail,
    actorId: row.actorId,
    actorName: row.actorName,
    stack: row.stack,
    attributes: { ...parseAttributes(row.shared), ...parseAttributes(row.extra ?? '{}') },
  }
}

function parseAttributes(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json)
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}
