import type { TimelineEntry, TimelinePage } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'
import { engineRows } from './engine-rows.ts'
import type { TimelineFilter } from './timeline-filter.ts'
import { type Cursor, formatCursor } from './timeline-sql.ts'
import { userRows } from './user-rows.ts'

/**
 * One page of the host's timeline: engine events and user actions merged newest first. Each side
 * gives at most `limit + 1` rows in the same order, so the merge's first `limit` are exact and a
 * longer merge means there is an older page. A user filter leaves the engine out (it has no
 * users); so does asking for user actions only, and the other way round.
 */
export function queryTimeline(db: Db, filter: TimelineFilter, limit: number): TimelinePage {
  const wantsEngine = filter.user === undefined && filter.source !== 'user'
  const wantsUsers = filter.source !== 'engine'
  const merged: TimelineEntry[] = [
    ...(wantsEngine ? engineRows(db, filter, limit + 1) : []),
    ...(wantsUsers ? userRows(db, filter, limit + 1) : []),
  ].sort((a, b) => compareCursors(cursorOf(b), cursorOf(a)))
  const page = merged.slice(0, limit)
  const last = page.at(-1)
  return {
    entries: page,
    nextBefore: merged.length > limit && last ? formatCursor(cursorOf(last)) : null,
  }
}

function cursorOf(entry: TimelineEntry): Cursor {
  return {
    at: entry.at,
    kind: entry.kind === 'engine' ? 'e' : 'a',
    id: Number(entry.id.slice(1)),
  }
}

/** Ascending order of the merged timeline: time, then engine before user, then id. */
function compareCursors(a: Cursor, b: Cursor): number {
  if (a.at !== b.at) return a.at - b.at
  if (a.kind !== b.kind) return a.kind === 'e' ? -1 : 1
  return a.id - b.id
}
