import { EngineTimeoutError } from './errors.ts'

/**
 * Caps the engine calls in flight to one engine. A slow engine then queues our requests instead
 * of receiving an unbounded pile of them; a queued call whose deadline passes is refused with a
 * timeout (the server answers 504) without ever reaching the engine. Long-lived streams are not
 * counted: they would hold slots for hours.
 */
export class RequestLimiter {
  readonly #max: number
  #active = 0
  readonly #queue: { start: () => void; fail: (err: unknown) => void }[] = []

  constructor(max: number) {
    this.#max = max
  }

  get active(): number {
    return this.#active
  }

  get queued(): number {
    return this.#queue.length
  }

  async run<T>(
    what: string,
    signal: AbortSignal,
    timeoutMs: number,
    call: () => Promise<T>,
  ): Promise<T> {
    if (this.#active >= this.#max) await this.#wait(what, signal, timeoutMs)
    else this.#active++
    try {
      return await call()
    } finally {
      this.#release()
    }
  }

  #wait(what: string, signal: AbortSignal, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
        fail: reject,
      }
      const onAbort = () => {
        const index = this.#queue.indexOf(entry)
        if (index !== -1) this.#queue.splice(index, 1)
        const reason: unknown = signal.reason
        const isDeadline = reason instanceof DOMException && reason.name === 'TimeoutError'
        if (isDeadline) {
          reject(new EngineTimeoutError(`${what} (queued behind ${this.#max} calls)`, timeoutMs))
        } else {
          reject(reason instanceof Error ? reason : new Error(String(reason)))
        }
      }
      // An abort listener added after the fact never fires: refuse an aborted call at once.
      if (signal.aborted) {
        onAbort()
        return
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.#queue.push(entry)
    })
  }

  #release(): void {
    const next = this.#queue.shift()
    // The slot passes straight to the next waiter, so `active` stays at the cap while any wait.
    if (next) next.start()
    else this.#active--
  }
}
