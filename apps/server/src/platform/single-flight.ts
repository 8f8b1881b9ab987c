/**
 * Collapses identical reads into one call: askers while the engine is still answering, and for
 * `reuseMs` after it answered, get the same result. Requests from several browsers never arrive
 * at exactly the same instant, so a short reuse window is what makes ten viewers cost one call.
 * Failures are never reused. Keys name the exact request; one instance serves one host.
 */
export class SingleFlight {
  readonly #entries = new Map<string, { value: Promise<unknown>; settledAt?: number }>()

  run<T>(key: string, call: () => Promise<T>, reuseMs = 0): Promise<T> {
    const entry = this.#entries.get(key)
    if (entry && (entry.settledAt === undefined || Date.now() - entry.settledAt < reuseMs)) {
      return entry.value as Promise<T>
    }
    const fresh: { value: Promise<unknown>; settledAt?: number } = { value: Promise.resolve() }
    const value = call().then(
      (result) => {
        fresh.settledAt = Date.now()
        if (reuseMs === 0) this.#forget(key, fresh)
        else
          setTimeout(() => {
            this.#forget(key, fresh)
          }, reuseMs).unref()
        return result
      },
      (err: unknown) => {
        this.#forget(key, fresh)
        throw err
      },
    )
    fresh.value = value
    this.#entries.set(key, fresh)
    return value
  }

  /**
   * Forgets answers (those whose key starts with `prefix`, or all): something changed, the next
   * asker must reach the engine.
   */
  clear(prefix?: string): void {
    if (prefix === undefined) {
      this.#entries.clear()
      return
    }
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key)
  }

  get size(): number {
    return this.#entries.size
  }

  #forget(key: string, entry: object): void {
    if (this.#entries.get(key) === entry) this.#entries.delete(key)
  }
}

/**
 * Lists of objects whose every change the engine reports as an event (networks, volumes) are
 * kept this long, and dropped at once by such an event or by a change made through us.
 */
export const EVENT_KEPT_LIST_MS = 60_000
