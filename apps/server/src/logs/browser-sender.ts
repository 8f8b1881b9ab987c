import type { Readable } from 'node:stream'
import { WebSocket } from 'ws'
import { HIGH_WATER_BYTES } from '../platform/ws-bridge.ts'

/**
 * Sends a log socket's messages to one browser with backpressure, the one mechanism of every
 * log socket (a container's, a stack's): each engine stream feeding it is paused as soon as
 * the socket's `bufferedAmount` reaches HIGH_WATER_BYTES and resumed once it is below half.
 * Nothing is dropped: a browser that reads slowly slows the engine's streams instead (the engine
 * stops reading the log file), and one that stops reading misses the heartbeat and is cut off.
 * Streams join and leave as containers come and go (a stack's log follows them).
 */
export class BrowserSender<M> {
  readonly #browser: WebSocket
  readonly #sources = new Set<Readable>()

  constructor(browser: WebSocket) {
    this.#browser = browser
  }

  /** A stream whose data ends up here: paused at once if the browser is behind. */
  add(source: Readable): void {
    this.#sources.add(source)
    if (this.#behind()) source.pause()
  }

  remove(source: Readable): void {
    this.#sources.delete(source)
  }

  /** Every stream destroyed (the browser left). */
  destroy(): void {
    for (const source of this.#sources) source.destroy()
    this.#sources.clear()
  }

  send(message: M): void {
    const browser = this.#browser
    if (browser.readyState !== WebSocket.OPEN) return
    browser.send(JSON.stringify(message), () => {
      // The last queued message's callback runs when the queue has drained: resume there.
      if (browser.bufferedAmount < HIGH_WATER_BYTES / 2)
        for (const source of this.#sources) if (source.isPaused()) source.resume()
    })
    if (this.#behind()) for (const source of this.#sources) source.pause()
  }

  #behind(): boolean {
    return this.#browser.bufferedAmount >= HIGH_WATER_BYTES
  }
}
