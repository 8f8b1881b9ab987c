import type { ModelEffect, ModelInput } from './model-io.ts'
import { inspected } from './model-inspect.ts'
import {
  connected,
  disconnected,
  fullReadDone,
  fullReadDue,
  fullReadFailed,
  startFullRead,
} from './model-full-read.ts'
import {
  announced,
  flushDue,
  inspectFailed,
  recheckDue,
  rereadDone,
  rereadFailed,
  retryDue,
  startReread,
  touched,
} from './model-reread.ts'
import type { ModelState } from './model-state.ts'

export interface Step {
  readonly state: ModelState
  readonly effects: readonly ModelEffect[]
}

/**
 * The container model as a pure function: what it knows, and what just happened, give what it
 * knows next and what it asks its driver to do (read, inspect, set a timer, log, answer a
 * reconciliation). No I/O, no clock, no randomness: `state` is never changed, and the same
 * arguments give the same answer. After `stop` every input is ignored.
 */
export function step(state: ModelState, input: ModelInput): Step {
  if (state.stopped) return { state, effects: [] }
  const effects: ModelEffect[] = []
  return { state: reduce(state, input, effects), effects }
}

function reduce(s: ModelState, input: ModelInput, out: ModelEffect[]): ModelState {
  switch (input.type) {
    case 'connected':
      return connected(s, out)
    case 'disconnected':
      return disconnected(s)
    case 'announced':
      return announced(s, input.id, out)
    case 'touched':
      return touched(s, input.ref, out)
    case 'listWaiting':
      return startReread(s, out)
    case 'reconcile':
      return startFullRead(s, true, out)
    case 'stop':
      return { ...s, stopped: true, warm: false, connected: false }
    case 'fullReadDone':
      return fullReadDone(s, input.rows, input.at, out)
    case 'fullReadFailed':
      return fullReadFailed(s, input.error, out)
    case 'rereadDone':
      return rereadDone(s, input.byId, input.byName, out)
    case 'rereadFailed':
      return rereadFailed(s, input.error, out)
    case 'inspected':
      return inspected(s, input, out)
    case 'inspectFailed':
      return inspectFailed(s, input.id, input.revision, out)
    case 'flushDue':
      return flushDue(s, out)
    case 'retryDue':
      return retryDue(s, out)
    case 'fullReadDue':
      return fullReadDue(s, out)
    case 'recheckDue':
      return recheckDue(s, input.id, out)
  }
}
