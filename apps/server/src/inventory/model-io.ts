import type { Container } from '@harbormaster/engine'
import type { ContainerTiming } from './container-status.ts'

/**
 * What happens to the model: the events stream, callers, the engine's answers to the reads the
 * model asked for, and the timers it set. Time arrives only as data (`at`, and timers firing).
 */
export type ModelInput =
  | { readonly type: 'connected' }
  | { readonly type: 'disconnected' }
  /** An engine event named this container. */
  | { readonly type: 'announced'; readonly id: string }
  /** We changed this container (id or name) through our API. */
  | { readonly type: 'touched'; readonly ref: string }
  /** A list is waiting for the re-reads already due: skip the coalescing delay. */
  | { readonly type: 'listWaiting' }
  | { readonly type: 'stop' }
  /** `at`: when the answer arrived (ms since the epoch), to tell whether kept timing still fits. */
  | { readonly type: 'fullReadDone'; readonly rows: readonly Container[]; readonly at: number }
  | { readonly type: 'fullReadFailed'; readonly error: unknown }
  | {
      readonly type: 'rereadDone'
      readonly byId: readonly Container[]
      readonly byName: readonly Container[]
    }
  | { readonly type: 'rereadFailed'; readonly error: unknown }
  | {
      readonly type: 'inspected'
      readonly id: string
      readonly revision: number
      readonly timing: ContainerTiming
      /** The networks the container itself is on (the list can lag a network connect). */
      readonly networks: Container['networks']
    }
  | { readonly type: 'inspectFailed'; readonly id: string; readonly revision: number }
  | ModelTimer

/** Inputs the model schedules for itself (see the `schedule` effect). */
export type ModelTimer =
  | { readonly type: 'flushDue' }
  | { readonly type: 'retryDue' }
  | { readonly type: 'fullReadDue' }
  | { readonly type: 'recheckDue'; readonly id: string }
  /** Read everything and count what the model had wrong (also asked for by callers). */
  | { readonly type: 'reconcile' }

/** What the model asks its driver to do. */
export type ModelEffect =
  /** List every container. Answer with fullReadDone or fullReadFailed. */
  | { readonly type: 'readAll' }
  /** List just these containers. Answer with rereadDone or rereadFailed. */
  | { readonly type: 'reread'; readonly ids: readonly string[]; readonly names: readonly string[] }
  /** Inspect one container. Answer with inspected or inspectFailed, echoing the revision. */
  | { readonly type: 'inspect'; readonly id: string; readonly revision: number }
  /**
   * Feed `input` back after `delayMs` (plus up to `jitterMs`, drawn by the driver). A keyed timer
   * replaces the one pending under the same key.
   */
  | {
      readonly type: 'schedule'
      readonly input: ModelTimer
      readonly delayMs: number
      readonly jitterMs?: number
      readonly key?: string
    }
  | { readonly type: 'warn'; readonly message: string; readonly details: Record<string, unknown> }
  /** A full read ended (or will not happen): whoever asked for a reconciliation hears how. */
  | {
      readonly type: 'fullReadSettled'
      readonly result: { ok: true; drift: number } | { ok: false; error: unknown }
    }
