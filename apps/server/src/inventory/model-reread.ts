import type { Container } from '@harbormaster/engine'
import { isListChange } from './container-drift.ts'
import { timelessTiming } from './container-status.ts'
import type { ModelEffect } from './model-io.ts'
import { pumpInspects, queueInspects, settleInspect } from './model-inspect.ts'
import {
  type Entry,
  type ModelState,
  type Refs,
  added,
  isEmpty,
  noRefs,
  union,
  withRereads,
} from './model-state.ts'

/** Events come in bursts (a start is several): re-reads wait this long to batch them. */
export const COALESCE_MS = 20
/** After failed reads (engine busy or failing), the containers are read again, backing off. */
export const REREAD_RETRY_MS = { first: 500, max: 30_000 }

const ID = /^[0-9a-f]{64}$/

/** An engine event named this container: read its row again, and inspect it after. */
export function announced(s: ModelState, id: string, out: ModelEffect[]): ModelState {
  s = withRereads(s, { confirm: added(s.rereads.confirm, [id]) })
  return markDue(s, { ids: [id] }, out)
}

/** We changed this container through our API; a name may not be an id, so read it by name. */
export function touched(s: ModelState, ref: string, out: ModelEffect[]): ModelState {
  return markDue(s, ID.test(ref) ? { ids: [ref] } : { names: [ref] }, out)
}

function markDue(
  s: ModelState,
  refs: { ids?: Iterable<string>; names?: Iterable<string> },
  out: ModelEffect[],
): ModelState {
  const due = union(s.rereads.due, refs)
  if (s.rereads.flushArmed) return withRereads(s, { due })
  out.push({ type: 'schedule', input: { type: 'flushDue' }, delayMs: COALESCE_MS })
  return withRereads(s, { due, flushArmed: true })
}

/** One read for everything due; never beside a full read or another re-read, never offline. */
export function startReread(s: ModelState, out: ModelEffect[]): ModelState {
  const { due, inFlight, confirm } = s.rereads
  if (!s.connected || inFlight || s.full.inFlight || isEmpty(due)) return s
  out.push({ type: 'reread', ids: [...due.ids], names: [...due.names] })
  const asked = new Set([...confirm].filter((id) => due.ids.has(id)))
  return {
    ...s,
    counters: { ...s.counters, eventReads: s.counters.eventReads + 1 },
    rereads: {
      ...s.rereads,
      due: noRefs,
      inFlight: { ...due, generation: s.full.generation, confirm: asked },
      confirm: new Set([...confirm].filter((id) => !asked.has(id))),
    },
  }
}

/** After any read ends: what became due meanwhile is read now, and inspects go on. */
export function afterRead(s: ModelState, out: ModelEffect[]): ModelState {
  return pumpInspects(s.rereads.flushArmed ? s : startReread(s, out), out)
}

export function flushDue(s: ModelState, out: ModelEffect[]): ModelState {
  return startReread(withRereads(s, { flushArmed: false }), out)
}

export function rereadDone(
  s: ModelState,
  byId: readonly Container[],
  byName: readonly Container[],
  out: ModelEffect[],
): ModelState {
  const read = s.rereads.inFlight
  if (!read) return s
  s = withRereads(s, { inFlight: undefined, failures: 0 })
  if (read.generation !== s.full.generation) {
    // A full read was applied while these were read: either may be the newer, read again.
    s = withRereads(s, { confirm: added(s.rereads.confirm, read.confirm) })
    return afterRead(markDue(s, read, out), out)
  }
  s = applyRows(s, read, byId, byName)
  const found = new Set([...byId, ...byName].map((row) => row.id))
  s = forgetRemoved(
    s,
    [...read.ids].filter((id) => !found.has(id)),
  )
  // A touched name not found: its container was removed, or renamed by an event not seen yet.
  const carriers = [...s.entries.values()]
    .map((entry) => entry.container)
    .filter((c) => read.names.has(c.name) && !found.has(c.id))
    .map((c) => c.id)
  if (carriers.length > 0) s = markDue(s, { ids: carriers }, out)
  return afterRead(s, out)
}

/**
 * The rows as read; an asked id not listed was removed. Timing is kept only while nothing the
 * row shows has changed; otherwise the container is inspected again (unless its status is
 * timeless), as it is when an event named it or its inspect disagreed with its row.
 */
function applyRows(
  s: ModelState,
  read: Refs & { confirm: ReadonlySet<string> },
  byId: readonly Container[],
  byName: readonly Container[],
): ModelState {
  const entries = new Map(s.entries)
  const mismatches = new Map(s.inspects.mismatches)
  let { revision } = s
  const inspect: string[] = []
  const rows = new Map([...byId, ...byName].map((row) => [row.id, row]))
  for (const id of read.ids) {
    if (rows.has(id)) continue
    entries.delete(id)
    mismatches.delete(id)
  }
  for (const row of rows.values()) {
    const previous = entries.get(row.id)
    const changed =
      !previous || isListChange(previous.container, row) || previous.container.status !== row.status
    const entry: Entry = changed
      ? { container: row, timing: timelessTiming(row), revision: ++revision }
      : { ...previous, container: row }
    entries.set(row.id, entry)
    const confirm = !changed && read.confirm.has(row.id)
    if (!entry.timing || confirm || mismatches.has(row.id)) inspect.push(row.id)
  }
  return queueInspects(
    { ...s, entries, revision, inspects: { ...s.inspects, mismatches } },
    inspect,
  )
}

/** A removed container owes no retry and no inspect. */
function forgetRemoved(s: ModelState, removed: readonly string[]): ModelState {
  if (removed.length === 0) return s
  const { retrying, confirm } = s.rereads
  const kept = (set: ReadonlySet<string>) => new Set([...set].filter((id) => !removed.includes(id)))
  return withRereads(s, {
    retrying: { ids: kept(retrying.ids), names: retrying.names },
    confirm: kept(confirm),
  })
}

export function rereadFailed(s: ModelState, error: unknown, out: ModelEffect[]): ModelState {
  const read = s.rereads.inFlight
  if (!read) return s
  out.push({ type: 'warn', message: 'inventory re-read failed', details: { err: error } })
  s = withRereads(s, { inFlight: undefined, confirm: added(s.rereads.confirm, read.confirm) })
  return afterRead(retryLater(s, read, out), out)
}

/** The newest inspect failed: read the row again with backoff, and inspect it after. */
export function inspectFailed(
  s: ModelState,
  id: string,
  revision: number,
  out: ModelEffect[],
): ModelState {
  s = settleInspect(s)
  if (s.entries.get(id)?.revision !== revision) return pumpInspects(s, out)
  s = withRereads(s, { confirm: added(s.rereads.confirm, [id]) })
  return pumpInspects(retryLater(s, { ids: new Set([id]), names: new Set() }, out), out)
}

/** Until the retry, the model is known to be behind on these, and lists are not served. */
function retryLater(s: ModelState, refs: Refs, out: ModelEffect[]): ModelState {
  const failures = s.rereads.failures + 1
  const retrying = union(s.rereads.retrying, refs)
  if (s.rereads.retryArmed) return withRereads(s, { failures, retrying })
  const delayMs = Math.min(REREAD_RETRY_MS.first * 2 ** (failures - 1), REREAD_RETRY_MS.max)
  out.push({ type: 'schedule', input: { type: 'retryDue' }, delayMs })
  return withRereads(s, { failures, retrying, retryArmed: true })
}

export function retryDue(s: ModelState, out: ModelEffect[]): ModelState {
  const { due, retrying } = s.rereads
  s = withRereads(s, { due: union(due, retrying), retrying: noRefs, retryArmed: false })
  return s.rereads.flushArmed ? s : startReread(s, out)
}

/** A row that disagreed with its inspect: read it again. */
export function recheckDue(s: ModelState, id: string, out: ModelEffect[]): ModelState {
  return s.entries.has(id) ? markDue(s, { ids: [id] }, out) : s
}
