import type { TimelineUserEntry } from '@harbormaster/contract'
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

interface AuditRow {
  id: number
  at: number
  action: string
  target: string | null
  targetName: string | null
  actorName: string | null
  status: number
  error: string | null
  parameters: string | null
}

/** User actions on these kinds of object are shown to everyone who sees the object. */
const OBJECT_KINDS = ['container', 'stack', 'image', 'network', 'volume', 'service']

/** The latest kept event of the target at or before the action, or else the first after. */
const nearest = (match: string) => `COALESCE(
    (SELECT e.attributes_id FROM timeline_events e
     WHERE e.host_id = a.host_id AND ${match} AND e.time_ms <= a.at
     ORDER BY e.time_ms DESC LIMIT 1),
    (SELECT e.attributes_id FROM timeline_events e
     WHERE e.host_id = a.host_id AND ${match} AND e.time_ms > a.at
     ORDER BY e.time_ms LIMIT 1))`

/**
 * The attribute set of what the audit target named when the user acted: container actions name
 * a container by name, id or id prefix, stack actions a stack. Taken from the kept event of it
 * nearest the action, so a name that later went to another team's container still answers for
 * the one acted on. Each lookup is one index probe (name, actor or stack index).
 */
const TARGET_ATTRIBUTES = `CASE
  WHEN substr(a.action, 1, 10) = 'container.' THEN COALESCE(
    ${nearest(`e.actor_name = a.target AND e.type = 'container'`)},
    ${nearest(`e.actor_id >= a.target AND e.actor_id < a.target || 'g' AND e.type = 'container'`)})
  WHEN substr(a.action, 1, 6) = 'stack.' THEN ${nearest('e.stack = a.target')}
  END`

/** The name of a container an action named by id or id prefix (its latest kept event's). */
const TARGET_NAME = `CASE WHEN substr(a.action, 1, 10) = 'container.' AND length(a.target) >= 12 THEN (
  SELECT e.actor_name FROM timeline_events e
  WHERE e.host_id = a.host_id AND e.actor_id >= a.target AND e.actor_id < a.target || 'g'
    AND e.type = 'container'
  ORDER BY e.time_ms DESC LIMIT 1) END`

/**
 * The user actions on the host that match, newest first, `limit` at most. A caller who does not
 * read the audit log sees actions on the host's objects only (containers, stacks, images,
 * networks, volumes, services), not on its settings. A caller with a label scope sees their own
 * actions, actions on images (read host-wide by every role) and actions whose target was, at the
 * time, inside their scope; nothing whose target is unknown.
 */
export function userRows(db: Db, filter: TimelineFilter, limit: number): TimelineUserEntry[] {
  const where = new Where()
  where.add('a.host_id = ?', filter.hostId)
  if (filter.container !== undefined) containerClause(db, where, filter)
  if (filter.stack !== undefined) stackClause(db, where, filter)
  if (filter.type !== undefined) {
    where.add('substr(a.action, 1, length(?) + 1) = ? || ?', filter.type, filter.type, '.')
  }
  if (filter.action !== undefined) {
    where.add(
      "(a.action = ? OR substr(a.action, instr(a.action, '.') + 1) = ?)",
      filter.action,
      filter.action,
    )
  }
  if (filter.user !== undefined) where.add('a.actor_name = ?', filter.user)
  if (filter.q !== undefined) {
    const pattern = containsPattern(filter.q)
    where.add(
      `(a.actor_name LIKE ? ESCAPE '\\' OR a.action LIKE ? ESCAPE '\\' OR a.target LIKE ? ESCAPE '\\')`,
      pattern,
      pattern,
      pattern,
    )
  }
  if (filter.since !== undefined) where.add('a.at >= ?', filter.since)
  if (filter.until !== undefined) where.add('a.at < ?', filter.until)
  if (filter.before !== undefined) {
    beforeCursor(where, parseCursor(filter.before), { kind: 'a', time: 'a.at', id: 'a.id' })
  }
  if (!filter.readsAudit) {
    // The host's objects everyone with access reads; the rest (registry credentials, the host's
    // settings, swarm nodes and tokens, users...) is the audit log's, an admin's.
    where.add(
      `substr(a.action, 1, instr(a.action, '.') - 1) IN (SELECT value FROM json_each(?))`,
      JSON.stringify(OBJECT_KINDS),
    )
  }
  if (filter.labelScope !== undefined) {
    const scope = scopeSql('t.json', filter.labelScope)
    // The sets in scope are found once per query, not once per row.
    where.add(
      `(a.actor_id = ? OR substr(a.action, 1, 6) = 'image.' OR ${TARGET_ATTRIBUTES} IN (
         SELECT t.id FROM timeline_attributes t WHERE ${scope.sql}))`,
      filter.callerId,
      ...scope.values,
    )
  }
  const rows = db
    .prepare<(string | number)[], AuditRow>(
      `SELECT a.id, a.at, a.action, a.target, ${TARGET_NAME} AS targetName,
              a.actor_name AS actorName, a.status, a.error, a.parameters
       FROM audit_log a ${where.sql}
       ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    )
    .all(...where.values, limit)
  return rows.map((row) => toUserEntry(row, filter.readsAudit))
}

/**
 * Actions on a container the filter names, however the action named it: the filter is resolved
 * through the kept events to every id and name it stands for (a name: each container that had
 * it; an id: that container's name too).
 */
function containerClause(db: Db, where: Where, filter: TimelineFilter): void {
  const container = filter.container ?? ''
  const prefix = isIdPrefix(container)
  const known = db
    .prepare<(string | number)[], { id: string; name: string | null }>(
      `SELECT DISTINCT actor_id AS id, actor_name AS name FROM timeline_events
       WHERE host_id = ? AND type = 'container' AND
         (actor_name = ? ${prefix ? 'OR (actor_id >= ? AND actor_id < ?)' : ''})
       LIMIT 500`,
    )
    .all(filter.hostId, container, ...(prefix ? [container, `${container}g`] : []))
  const ids = known.map((row) => row.id)
  const names = [container, ...known.flatMap((row) => (row.name === null ? [] : [row.name]))]
  where.add(`substr(a.action, 1, 10) = 'container.'`)
  where.add(
    `(a.target IN (SELECT value FROM json_each(?)) OR (length(a.target) >= 12 AND EXISTS (
       SELECT 1 FROM json_each(?) id WHERE substr(id.value, 1, length(a.target)) = a.target)))`,
    JSON.stringify(names),
    JSON.stringify(ids),
  )
}

/** Actions on the stack and on the containers it has had. */
function stackClause(db: Db, where: Where, filter: TimelineFilter): void {
  const stack = filter.stack ?? ''
  const known = db
    .prepare<string[], { id: string; name: string | null }>(
      `SELECT DISTINCT actor_id AS id, actor_name AS name FROM timeline_events
       WHERE host_id = ? AND stack = ? AND type = 'container' LIMIT 500`,
    )
    .all(filter.hostId, stack)
  const targets = known.flatMap((row) => (row.name === null ? [row.id] : [row.id, row.name]))
  where.add(
    `((substr(a.action, 1, 6) = 'stack.' AND a.target = ?) OR
      (substr(a.action, 1, 10) = 'container.' AND (a.target IN (SELECT value FROM json_each(?))
        OR (length(a.target) >= 12 AND EXISTS (SELECT 1 FROM json_each(?) id
          WHERE substr(id.value, 1, length(a.target)) = a.target)))))`,
    stack,
    JSON.stringify(targets),
    JSON.stringify(known.map((row) => row.id)),
  )
}

function toUserEntry(row: AuditRow, readsAudit: boolean): TimelineUserEntry {
  const entry: TimelineUserEntry = {
    kind: 'user',
    id: `a${String(row.id)}`,
    at: row.at,
    action: row.action,
    target: row.target,
    targetName: row.targetName,
    actorName: row.actorName,
    status: row.status,
  }
  if (!readsAudit) return entry
  return { ...entry, error: row.error, parameters: parseParameters(row.parameters) }
}

function parseParameters(json: string | null): Record<string, unknown> | null {
  if (json === null) return null
  const value: unknown = JSON.parse(json)
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}
