import type { Container } from '@harbormaster/engine'
import type { ContainerTiming } from './container-status.ts'

export interface InventoryCounters {
  fullSyncs: number
  /** Engine reads caused by events (batched `containers/json?filters=id` + inspects). */
  eventReads: number
  /** Containers a reconciliation found different from the model, and repaired. */
  driftRepairs: number
}

export interface Entry {
  readonly container: Container
  /** What the status text is rendered from; undefined until inspected (or timeless). */
  readonly timing: ContainerTiming | undefined
  /**
   * Bumped when the row changes and when an inspect is asked: an inspect's answer is applied
   * only if it is the newest asked since the row last changed, whatever order answers arrive in.
   */
  readonly revision: number
}

/** Containers to read again: by id (events, our own changes) or by name (our own changes). */
export interface Refs {
  readonly ids: ReadonlySet<string>
  readonly names: ReadonlySet<string>
}

export interface FullReads {
  /** The full read in flight, and the connection epoch it was asked in. */
  readonly inFlight: { readonly countDrift: boolean; readonly epoch: number } | undefined
  /** Full reads applied: a re-read asked before the latest one reads again. */
  readonly generation: number
  /** Consecutive failures while cold, for the retry's backoff. */
  readonly failures: number
}

export interface Rereads {
  /** Due to be read, once the coalescing delay passes (or a list is waiting). */
  readonly due: Refs
  readonly flushArmed: boolean
  readonly inFlight:
    (Refs & { readonly generation: number; readonly confirm: ReadonlySet<string> }) | undefined
  /** Failed and waiting for the backoff: the model is known to be behind on these. */
  readonly retrying: Refs
  readonly retryArmed: boolean
  /** Consecutive failed reads (re-reads and inspects), for the backoff. */
  readonly failures: number
  /**
   * Containers to inspect after their next re-read even if their row shows no change: an event
   * named them (the engine's list can lag its events; inspect reads the container itself), or
   * their last inspect failed.
   */
  readonly confirm: ReadonlySet<string>
}

export interface Inspects {
  readonly queue: readonly string[]
  readonly inFlight: number
  /** Containers whose inspect disagreed with their row, and how many times in a row. */
  readonly mismatches: ReadonlyMap<string, number>
}

/** Everything the model knows; changed only by `step` (model.ts). */
export interface ModelState {
  /** stop() was called: final. */
  readonly stopped: boolean
  /** The host's events stream is up, so events reach the model. */
  readonly connected: boolean
  /** Disconnects seen: a full read asked before the latest may miss events lost in the gap. */
  readonly epoch: number
  /** In sync with the engine: lists are served from the model. */
  readonly warm: boolean
  readonly entries: ReadonlyMap<string, Entry>
  /** The last revision handed out (see Entry.revision). */
  readonly revision: number
  readonly full: FullReads
  readonly rereads: Rereads
  readonly inspects: Inspects
  readonly counters: InventoryCounters
}

export const noRefs: Refs = { ids: new Set(), names: new Set() }

export function initialModel(): ModelState {
  return {
    stopped: false,
    connected: false,
    epoch: 0,
    warm: false,
    entries: new Map(),
    revision: 0,
    full: { inFlight: undefined, generation: 0, failures: 0 },
    rereads: {
      due: noRefs,
      flushArmed: false,
      inFlight: undefined,
      retrying: noRefs,
      retryArmed: false,
      failures: 0,
      confirm: new Set(),
    },
    inspects: { queue: [], inFlight: 0, mismatches: new Map() },
    counters: { fullSyncs: 0, eventReads: 0, driftRepairs: 0 },
  }
}

export function isEmpty(refs: Refs): boolean {
  return refs.ids.size === 0 && refs.names.size === 0
}

export function union(a: Refs, b: { ids?: Iterable<string>; names?: Iterable<string> }): Refs {
  return { ids: added(a.ids, b.ids ?? []), names: added(a.names, b.names ?? []) }
}

export function added<T>(set: ReadonlySet<T>, items: Iterable<T>): ReadonlySet<T> {
  const next = new Set(set)
  for (const item of items) next.add(item)
  return next.size === set.size ? set : next
}

export function withRereads(s: ModelState, patch: Partial<Rereads>): ModelState {
  return { ...s, rereads: { ...s.rereads, ...patch } }
}

export function withInspects(s: ModelState, patch: Partial<Inspects>): ModelState {
  return { ...s, inspects: { ...s.inspects, ...patch } }
}

export function withFull(s: ModelState, patch: Partial<FullReads>): ModelState {
  return { ...s, full: { ...s.full, ...patch } }
}
