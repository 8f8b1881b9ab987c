/**
 * A counting semaphore: at most `size` holders at once, the rest wait in order. A waiter whose
 * signal aborts leaves the queue with the signal's reason, so a client that goes away stops
 * waiting for work it will never see.
 */
export class Slots {
  readonly #size: number
  #held = 0
  readonly #queue: (() => void)[] = []

  constructor(size: number) {
    this.#size = size
  }

  /** Runs `work` in a slot, once one is free. */
  async run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    await this.#acquire(signal)
    try {
      return await work()
    } finally {
      this.#release()
    }
  }

  #acquire(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted()
    if (this.#held < this.#size) {
      this.#held++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const start = () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }
      const onAbort = () => {
        const index = this.#queue.indexOf(start)
        if (index !== -1) this.#queue.splice(index, 1)
        reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.#queue.push(start)
    })
  }

  #release(): void {
    const next = this.#queue.shift()
    // The slot passes straight to the next waiter: the count stays the same.
    if (next) next()
    else this.#held--
  }
}
