import { type Engine, type EngineEvent, eventKey, nanoToSince } from '@harbormaster/engine'
import type { Logger } from 'pino'

export type HostEventMessage =
  | { kind: 'event'; event: EngineEvent }
  /** The engine stopped answering; events will resume from where they stopped. */
  | { kind: 'disconnected'; error: string }
  /** The engine answers (again); events resume from `since`, replayed by the engine. */
  | { kind: 'reconnected'; since: string }

export type HostEventListener = (message: HostEventMessage) => void

const BACKOFF_MS = { first: 500, max: 15_000 }
/** How far back a cold start's subscription begins (the engine's `since` is in whole seconds). */
export const COLD_START_REPLAY_SECONDS = 2

/** One reconnect ping's deadline; an engine slower than this is simply asked again. */
const PING_TIMEOUT_MS = 5000

/**
 * One engine `/events` subscription per host, shared by every listener (the host's inventory,
 * every browser). When the stream breaks it waits for the engine with a growing, jittered delay,
 * then resumes with `since` set to the last event seen, dropping the replayed duplicates, so no
 * event inside the engine's replay buffer is lost; listeners are told about the gap: one outage is
 * one `disconnected` and one `reconnected`, the latter only once the engine has answered a ping
 * sent after the break.
 */
export class HostEvents {
  readonly #engine: Engine
  readonly #logger: Logger
  readonly #listeners = new Set<HostEventListener>()
  readonly #controller = new AbortController()
  #lastTimeNano: string | undefined
  #keysAtLast = new Set<string>()
  #connected = false

  constructor(engine: Engine, logger: Logger) {
    this.#engine = engine
    this.#logger = logger
  }

  get connected(): boolean {
    return this.#connected
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: HostEventListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.#listeners.size
  }

  /** Runs until stop(): subscribe, and on any failure wait for the engine and resume. */
  async run(): Promise<void> {
    let delay = BACKOFF_MS.first
    const signal = this.#controller.signal
    while (!signal.aborted) {
      try {
        // A fresh ping, never the client's cached answer, which dates from before the break:
        // announcing the engine back on it told browsers "reconnected" while the engine was
        // still down, then "disconnected" again when the subscription found no socket.
        await this.#engine.connect({ signal, timeoutMs: PING_TIMEOUT_MS, fresh: true })
        this.#connected = true
        this.#emit({ kind: 'reconnected', since: this.#since() })
        delay = BACKOFF_MS.first
        await this.#consume(signal)
      } catch (err) {
        if (signal.aborted) break
        if (this.#connected) this.#logger.warn({ err }, 'engine events stream lost')
      }
      if (this.#connected) {
        this.#connected = false
        this.#emit({ kind: 'disconnected', error: 'the engine stopped answering' })
      }
      await sleep(delay * (0.75 + Math.random() / 2), signal)
      delay = Math.min(delay * 2, BACKOFF_MS.max)
    }
  }

  stop(): void {
    this.#controller.abort()
  }

  async #consume(signal: AbortSignal): Promise<void> {
    const events = this.#engine.events.subscribe({ signal, since: this.#since() })
    for await (const event of events) {
      const key = eventKey(event)
      // `since` is inclusive: the engine sends the last event(s) we saw again.
      if (event.timeNano === this.#lastTimeNano && this.#keysAtLast.has(key)) continue
      if (event.timeNano !== this.#lastTimeNano) this.#keysAtLast = new Set()
      this.#lastTimeNano = event.timeNano
      this.#keysAtLast.add(key)
      this.#emit({ kind: 'event', event })
    }
  }

  /**
   * Where to resume: the last event seen, or on a cold start two seconds back, so an event that
   * happens while the request is on its way is replayed rather than lost (duplicates are harmless).
   */
  #since(): string {
    if (this.#lastTimeNano !== undefined) return nanoToSince(this.#lastTimeNano)
    return String(Math.floor(Date.now() / 1000) - COLD_START_REPLAY_SECONDS)
  }

  #emit(message: HostEventMessage): void {
    for (const listener of this.#listeners) {
      try {
        listener(message)
      } catch (err) {
        this.#logger.error({ err }, 'event listener failed')
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}
