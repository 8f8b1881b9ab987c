import type { ModelEffect, ModelInput } from './model-io.ts'
import { type Entry, type ModelState, withInspects } from './model-state.ts'

const INSPECT_CONCURRENCY = 4
/** Re-reads of a row that disagrees with its inspect, before the inspect is believed. */
export const MAX_REREADS = 5
export const REREAD_DELAY_MS = 50

/** Queues inspects (each container once) for the timing its status text is rendered from. */
export function queueInspects(s: ModelState, ids: Iterable<string>): ModelState {
  const queue = [...s.inspects.queue]
  for (const id of ids) if (!queue.includes(id)) queue.push(id)
  return queue.length === s.inspects.queue.length ? s : withInspects(s, { queue })
}

/** Asks for queued inspects, a few at a time. Each asked inspect makes older answers stale. */
export function pumpInspects(s: ModelState, out: ModelEffect[]): ModelState {
  const { queue: queued, inFlight: asked } = s.inspects
  if (!s.connected || queued.length === 0 || asked >= INSPECT_CONCURRENCY) return s
  const queue = [...s.inspects.queue]
  const entries = new Map(s.entries)
  let { inFlight } = s.inspects
  let { revision } = s
  while (inFlight < INSPECT_CONCURRENCY && queue.length > 0) {
    const id = queue.shift()
    const entry = id === undefined ? undefined : entries.get(id)
    if (id === undefined || !entry) continue
    revision++
    inFlight++
    entries.set(id, { ...entry, revision })
    out.push({ type: 'inspect', id, revision })
  }
  return { ...s, entries, revision, inspects: { ...s.inspects, queue, inFlight } }
}

/**
 * The engine's list can lag its events (pause; a container that starts and exits at once reads
 * "running" after its die; a network connect), and inspect reads the container itself: when
 * they disagree on state or networks the row is read again, a few times, and then the inspect
 * is believed.
 */
export function inspected(
  s: ModelState,
  answer: Extract<ModelInput, { type: 'inspected' }>,
  out: ModelEffect[],
): ModelState {
  const { id, revision, timing, networks } = answer
  s = settleInspect(s)
  s = { ...s, rereads: { ...s.rereads, failures: 0 } }
  const entry = s.entries.get(id)
  // Asked before the row changed or before a newer inspect: that newer read decides.
  if (entry?.revision !== revision) return pumpInspects(s, out)
  const mismatches = new Map(s.inspects.mismatches)
  const tries = (mismatches.get(id) ?? 0) + 1
  let next: Entry | undefined
  if (entry.container.state === timing.state && sameNetworks(entry.container.networks, networks)) {
    next = { ...entry, timing }
    mismatches.delete(id)
  } else if (tries <= MAX_REREADS) {
    mismatches.set(id, tries)
    const delayMs = REREAD_DELAY_MS * tries
    out.push({ type: 'schedule', input: { type: 'recheckDue', id }, delayMs })
  } else {
    // A busy engine's list can lag longer than our re-reads: believe the container itself.
    next = { ...entry, container: { ...entry.container, state: timing.state, networks }, timing }
    mismatches.delete(id)
  }
  const entries = next ? new Map(s.entries).set(id, next) : s.entries
  return pumpInspects({ ...s, entries, inspects: { ...s.inspects, mismatches } }, out)
}

/** The same networks by name (what the list and inspect both carry, and what is shown). */
function sameNetworks(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) {
  const names = Object.keys(a)
  return names.length === Object.keys(b).length && names.every((name) => Object.hasOwn(b, name))
}

/** One inspect answered (either way): room for the next. */
export function settleInspect(s: ModelState): ModelState {
  return withInspects(s, { inFlight: Math.max(0, s.inspects.inFlight - 1) })
}
