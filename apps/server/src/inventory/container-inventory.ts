import type { Container, Engine } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { HostEvents } from '../events/index.ts'
import { step } from './model.ts'
import type { ModelEffect, ModelInput } from './model-io.ts'
import { inputFor, toTiming } from './model-inputs.ts'
import { type InventoryCounters, type ModelState, initialModel } from './model-state.ts'
import { awaitingReads, rows, servable } from './model-view.ts'

/** How long a list waits for re-reads already due (our own changes) before answering. */
const SETTLE_MS = 2000

/**
 * Told after each full read the model took in (at every (re)connect of the events stream, and at
 * the slow reconciliation): the containers as read, and when that read was asked for (Unix ms,
 * this server's clock), so a listener can tell what happened after it.
 */
export type SyncListener = (containers: readonly Container[], readAskedAt: number) => void

interface Waiter {
  resolve: (drift: number) => void
  reject: (error: unknown) => void
}

/**
 * The host's containers, kept by its events: an event leads to a re-read of just the container
 * it names, lists are served from memory once warm, and a full read happens only on (re)connect
 * and on a slow reconciliation that counts what it had to repair. The status text is rendered
 * from the container's timing at serve time, so "Up 5 minutes" stays true without engine reads.
 *
 * What the model knows and decides is the pure `step` (model.ts); this class only carries out
 * what it asks for (engine reads, timers, logs) and feeds the answers back.
 */
export class ContainerInventory {
  #state: ModelState = initialModel()
  readonly #engine: Engine
  readonly #logger: Logger
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #keyedTimers = new Map<string, NodeJS.Timeout>()
  /** Lists waiting for the model to change. */
  readonly #wakers = new Set<() => void>()
  #reconcilers: Waiter[] = []
  readonly #syncListeners = new Set<SyncListener>()
  #readAllAskedAt = 0
  readonly #stopListening: () => void

  constructor(engine: Engine, events: HostEvents, logger: Logger) {
    this.#engine = engine
    this.#logger = logger
    this.#stopListening = events.listen((message) => {
      const input = inputFor(message)
      if (input) this.#dispatch(input)
    })
    // Made after the stream connected: it will not say so again until it reconnects.
    if (events.connected) this.#dispatch({ type: 'connected' })
  }

  get warm(): boolean {
    return this.#state.warm
  }

  get counters(): Readonly<InventoryCounters> {
    return this.#state.counters
  }

  /**
   * The containers as the engine would list them now, or undefined while not in sync. Waits
   * (briefly) for re-reads already due, so a change made through our API shows at once.
   */
  async list(options: { all: boolean }): Promise<Container[] | undefined> {
    const deadline = Date.now() + SETTLE_MS
    while (awaitingReads(this.#state) && Date.now() < deadline) {
      this.#dispatch({ type: 'listWaiting' })
      await this.#nextChange(deadline)
    }
    return servable(this.#state) ? rows(this.#state, options, Date.now()) : undefined
  }

  /**
   * The model's last record of one container, by full id, as it stands now: no engine call, no
   * wait. Read at a `destroy` event, before the re-read it causes drops the row.
   */
  known(id: string): Container | undefined {
    return this.#state.entries.get(id)?.container
  }

  /** Listens for the full reads the model takes in; returns the function that stops listening. */
  onSynced(listener: SyncListener): () => void {
    this.#syncListeners.add(listener)
    return () => this.#syncListeners.delete(listener)
  }

  /** Re-read a container we just changed (by id or name), ahead of its event. */
  touch(ref: string): void {
    this.#dispatch({ type: 'touched', ref })
  }

  /** Reads everything again and counts what the model had wrong (the slow reconciliation). */
  reconcile(): Promise<number> {
    if (this.#state.stopped) return Promise.resolve(0)
    const drift = new Promise<number>((resolve, reject) => {
      this.#reconcilers.push({ resolve, reject })
    })
    this.#dispatch({ type: 'reconcile' })
    return drift
  }

  stop(): void {
    this.#dispatch({ type: 'stop' })
    this.#stopListening()
    for (const timer of [...this.#timers, ...this.#keyedTimers.values()]) clearTimeout(timer)
    this.#timers.clear()
    this.#keyedTimers.clear()
    this.#settleReconcilers({ ok: true, drift: 0 })
    for (const wake of [...this.#wakers]) wake()
  }

  #dispatch(input: ModelInput): void {
    const generation = this.#state.full.generation
    const { state, effects } = step(this.#state, input)
    this.#state = state
    if (state.full.generation !== generation) this.#tellSynced()
    for (const effect of effects) this.#perform(effect)
    if (effects.length > 0 || input.type !== 'listWaiting')
      for (const wake of [...this.#wakers]) wake()
  }

  #perform(effect: ModelEffect): void {
    switch (effect.type) {
      case 'readAll':
      case 'reread':
      case 'inspect':
        this.#read(effect)
        return
      case 'schedule':
        this.#schedule(effect)
        return
      case 'warn':
        this.#logger.warn(effect.details, effect.message)
        return
      case 'fullReadSettled':
        this.#settleReconcilers(effect.result)
        return
    }
  }

  #read(effect: Extract<ModelEffect, { type: 'readAll' | 'reread' | 'inspect' }>): void {
    const { containers } = this.#engine
    if (effect.type === 'readAll') {
      this.#readAllAskedAt = Date.now()
      this.#answer(
        containers.list({ all: true }),
        (rows) => ({ type: 'fullReadDone', rows, at: Date.now() }),
        (error) => ({ type: 'fullReadFailed', error }),
      )
    } else if (effect.type === 'reread') {
      this.#answer(
        reread(this.#engine, effect.ids, effect.names),
        (found) => ({ type: 'rereadDone', ...found }),
        (error) => ({ type: 'rereadFailed', error }),
      )
    } else {
      const { id, revision } = effect
      this.#answer(
        containers.inspect(id),
        (details) => ({
          type: 'inspected',
          id,
          revision,
          timing: toTiming(details),
          networks: details.networks,
        }),
        () => ({ type: 'inspectFailed', id, revision }),
      )
    }
  }

  /** Feeds an engine call's answer back to the model, whichever way it ends. */
  #answer<T>(
    call: Promise<T>,
    done: (value: T) => ModelInput,
    failed: (error: unknown) => ModelInput,
  ): void {
    call
      .then(
        (value) => {
          this.#dispatch(done(value))
        },
        (error: unknown) => {
          this.#dispatch(failed(error))
        },
      )
      .catch((err: unknown) => {
        this.#logger.error({ err }, 'inventory model failed')
      })
  }

  #schedule(effect: Extract<ModelEffect, { type: 'schedule' }>): void {
    const { input, delayMs, jitterMs = 0, key } = effect
    if (key !== undefined) clearTimeout(this.#keyedTimers.get(key))
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer)
        if (key !== undefined && this.#keyedTimers.get(key) === timer) this.#keyedTimers.delete(key)
        this.#dispatch(input)
      },
      delayMs + Math.random() * jitterMs,
    )
    timer.unref()
    if (key === undefined) this.#timers.add(timer)
    else this.#keyedTimers.set(key, timer)
  }

  #tellSynced(): void {
    const containers = rows(this.#state, { all: true }, Date.now())
    for (const listener of this.#syncListeners) {
      try {
        listener(containers, this.#readAllAskedAt)
      } catch (err) {
        this.#logger.error({ err }, 'inventory sync listener failed')
      }
    }
  }

  #settleReconcilers(result: { ok: true; drift: number } | { ok: false; error: unknown }): void {
    const waiting = this.#reconcilers
    this.#reconcilers = []
    for (const { resolve, reject } of waiting) {
      if (result.ok) resolve(result.drift)
      else reject(result.error)
    }
  }

  /** Resolves at the model's next change, or at the deadline. */
  #nextChange(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.#wakers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, Math.max(0, deadline - Date.now()))
      this.#wakers.add(wake)
    })
  }
}

/** One filtered list for the ids, one for the names (anchored: names are matched as patterns). */
async function reread(engine: Engine, ids: readonly string[], names: readonly string[]) {
  const escape = (name: string) => `^/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`
  const [byId, byName] = await Promise.all([
    ids.length === 0 ? [] : engine.containers.list({ all: true, filters: { id: [...ids] } }),
    names.length === 0
      ? []
      : engine.containers.list({ all: true, filters: { name: names.map(escape) } }),
  ])
  return { byId, byName }
}
