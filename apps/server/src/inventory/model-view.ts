import type { Container } from '@harbormaster/engine'
import { statusText } from './container-status.ts'
import { type ModelState, isEmpty } from './model-state.ts'

const LISTED_WITHOUT_ALL = new Set(['running', 'paused', 'restarting'])

/** The containers as the engine would list them at `now`, newest first. */
export function rows(s: ModelState, options: { all: boolean }, now: number): Container[] {
  const listed: Container[] = []
  for (const { container, timing } of s.entries.values()) {
    if (!options.all && !LISTED_WITHOUT_ALL.has(container.state)) continue
    listed.push(timing ? { ...container, status: statusText(timing, now) } : container)
  }
  return listed.sort((a, b) => b.created - a.created)
}

/** Re-reads are due or under way: a list waits for them (briefly), to show our own changes. */
export function awaitingReads(s: ModelState): boolean {
  return s.warm && (!isEmpty(s.rereads.due) || s.rereads.inFlight !== undefined)
}

/**
 * In sync with the engine: warm, and no failed read waiting for its retry (the caller reads
 * the engine instead, so the answer is current or carries the engine's own error).
 */
export function servable(s: ModelState): boolean {
  return s.warm && isEmpty(s.rereads.retrying)
}
