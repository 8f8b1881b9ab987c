import type { Container } from '@harbormaster/engine'
import { containerDrift } from './container-drift.ts'
import { statusText, timelessTiming } from './container-status.ts'
import type { ModelEffect } from './model-io.ts'
import { queueInspects } from './model-inspect.ts'
import { afterRead } from './model-reread.ts'
import { type Entry, type ModelState, withFull } from './model-state.ts'

/** Reconciliation every 4–6 minutes: cheap insurance, far from a poll. */
export const RECONCILE_MS = { base: 4 * 60_000, jitter: 2 * 60_000 }
/** A cold model whose full read failed tries again, backing off. */
export const FULL_READ_RETRY_MS = { first: 500, max: 30_000 }

/** The events stream is up (again): events may have been lost, so read everything. */
export function connected(s: ModelState, out: ModelEffect[]): ModelState {
  return startFullRead({ ...s, connected: true }, false, out)
}

/** Events stop arriving: the model cannot know what changes, so it stops serving. */
export function disconnected(s: ModelState): ModelState {
  return { ...s, connected: false, warm: false, epoch: s.epoch + 1 }
}

/** Asks for a full read, or joins the one in flight (which counts drift if either asked). */
export function startFullRead(s: ModelState, countDrift: boolean, out: ModelEffect[]): ModelState {
  if (!s.connected) {
    // The reconnect reads everything anyway; a read now could not make the model warm.
    out.push({ type: 'fullReadSettled', result: { ok: true, drift: 0 } })
    return s
  }
  const inFlight = s.full.inFlight
  if (inFlight)
    return withFull(s, { inFlight: { ...inFlight, countDrift: inFlight.countDrift || countDrift } })
  out.push({ type: 'readAll' })
  return withFull(s, { inFlight: { countDrift, epoch: s.epoch } })
}

export function fullReadDone(
  s: ModelState,
  rows: readonly Container[],
  at: number,
  out: ModelEffect[],
): ModelState {
  const read = s.full.inFlight
  if (!read) return s
  s = withFull(s, { inFlight: undefined })
  if (read.epoch !== s.epoch) {
    // Asked before the latest disconnect: changes made in the gap may be missing from it.
    return afterRead(startFullRead(s, read.countDrift, out), out)
  }
  const drift = read.countDrift ? containerDrift(s.entries, rows) : 0
  s = applyFullRead(s, rows, at)
  s = {
    ...s,
    warm: true,
    full: { inFlight: undefined, generation: s.full.generation + 1, failures: 0 },
    counters: {
      ...s.counters,
      fullSyncs: s.counters.fullSyncs + 1,
      driftRepairs: s.counters.driftRepairs + drift,
    },
  }
  if (drift > 0)
    out.push({
      type: 'warn',
      message: 'inventory reconciliation repaired drift',
      details: { drift },
    })
  out.push({ type: 'fullReadSettled', result: { ok: true, drift } }, reconcileLater())
  return afterRead(s, out)
}

/** Every row as listed; timing is kept only while it still renders the status the engine wrote. */
function applyFullRead(s: ModelState, rows: readonly Container[], at: number): ModelState {
  let revision = s.revision
  const entries = new Map<string, Entry>()
  for (const row of rows) {
    const previous = s.entries.get(row.id)
    const kept =
      previous?.timing?.state === row.state && statusText(previous.timing, at) === row.status
        ? previous
        : undefined
    entries.set(row.id, {
      container: row,
      timing: timelessTiming(row) ?? kept?.timing,
      revision: kept ? kept.revision : ++revision,
    })
  }
  const mismatches = new Map([...s.inspects.mismatches].filter(([id]) => entries.has(id)))
  const stale = [...entries].filter(([, entry]) => !entry.timing).map(([id]) => id)
  const next = { ...s, entries, revision, inspects: { ...s.inspects, mismatches } }
  return queueInspects(next, stale)
}

export function fullReadFailed(s: ModelState, error: unknown, out: ModelEffect[]): ModelState {
  const read = s.full.inFlight
  if (!read) return s
  s = withFull(s, { inFlight: undefined })
  out.push(
    { type: 'warn', message: 'inventory full read failed', details: { err: error } },
    { type: 'fullReadSettled', result: { ok: false, error } },
  )
  if (!s.connected) return s
  if (read.epoch !== s.epoch) return startFullRead(s, read.countDrift, out)
  if (s.warm) {
    // A failed reconciliation: the model is still fed by events; try at the next one.
    out.push(reconcileLater())
    return afterRead(s, out)
  }
  const failures = s.full.failures + 1
  const delayMs = Math.min(FULL_READ_RETRY_MS.first * 2 ** (failures - 1), FULL_READ_RETRY_MS.max)
  out.push({ type: 'schedule', input: { type: 'fullReadDue' }, delayMs })
  return withFull(s, { failures })
}

/** The retry of a cold model's failed full read. */
export function fullReadDue(s: ModelState, out: ModelEffect[]): ModelState {
  if (s.warm || s.full.inFlight) return s
  return startFullRead(s, false, out)
}

function reconcileLater(): ModelEffect {
  return {
    type: 'schedule',
    input: { type: 'reconcile' },
    delayMs: RECONCILE_MS.base,
    jitterMs: RECONCILE_MS.jitter,
    key: 'reconcile',
  }
}
