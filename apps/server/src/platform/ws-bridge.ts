import type { Duplex, Readable } from 'node:stream'
import { WebSocket } from 'ws'
import { LIVE_CLOSE } from '@harbormaster/contract'

/** Bytes queued towards a browser before we stop reading the engine. */
export const HIGH_WATER_BYTES = 1024 * 1024
/** Keystrokes and pastes: a sustained 256 KiB/s, bursts of 1 MiB. */
const STDIN_RATE = { bytesPerSecond: 256 * 1024, burst: 1024 * 1024 }
/** Control messages (resize…) per second before a socket is cut off. */
const CONTROL_PER_SECOND = 30

/**
 * Sends a readable's chunks to a browser as binary frames, pausing the readable while the
 * browser's send buffer is above the high-water mark: a slow browser costs bounded memory, and
 * the engine is slowed down instead.
 */
export function pumpToBrowser(
  source: Readable,
  browser: WebSocket,
  toBytes: (chunk: unknown) => Buffer,
): void {
  source.on('data', (chunk: unknown) => {
    if (browser.readyState !== WebSocket.OPEN) return
    browser.send(toBytes(chunk), { binary: true }, () => {
      if (source.isPaused() && browser.bufferedAmount < HIGH_WATER_BYTES / 2) source.resume()
    })
    if (browser.bufferedAmount >= HIGH_WATER_BYTES) source.pause()
  })
}

/**
 * Browser → engine: binary frames are stdin, written with backpressure (the browser socket is
 * paused until the engine drains) and a rate limit (paused until the budget refills); text
 * frames go to `onControl`, at most CONTROL_PER_SECOND a second.
 */
export function pumpFromBrowser(
  browser: WebSocket,
  engine: Duplex | undefined,
  onControl: (text: string) => void,
): void {
  let budget = STDIN_RATE.burst
  let refilledAt = Date.now()
  let controls = 0
  let windowStart = Date.now()
  browser.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) {
      const now = Date.now()
      if (now - windowStart >= 1000) {
        windowStart = now
        controls = 0
      }
      if (++controls > CONTROL_PER_SECOND) {
        browser.close(LIVE_CLOSE.policy, 'too many control messages')
        return
      }
      onControl(data.toString('utf8'))
      return
    }
    if (!engine) {
      browser.close(LIVE_CLOSE.policy, 'this stream takes no input')
      return
    }
    const now = Date.now()
    budget = Math.min(
      STDIN_RATE.burst,
      budget + ((now - refilledAt) / 1000) * STDIN_RATE.bytesPerSecond,
    )
    refilledAt = now
    budget -= data.length
    if (!engine.write(data)) {
      browser.pause()
      engine.once('drain', () => {
        browser.resume()
      })
    }
    if (budget < 0) {
      browser.pause()
      setTimeout(
        () => {
          browser.resume()
        },
        (-budget / STDIN_RATE.bytesPerSecond) * 1000,
      ).unref()
    }
  })
}

/** Ties lifetimes: whichever side ends first ends the other, so engine-side work stops. */
export function tieLifetimes(
  engine: Duplex,
  browser: WebSocket,
  onEngineEnd: () => Promise<void> | void,
): void {
  browser.once('close', () => engine.destroy())
  let ended = false
  const finish = () => {
    if (ended) return
    ended = true
    void Promise.resolve(onEngineEnd()).finally(() => {
      if (browser.readyState === WebSocket.OPEN) browser.close(LIVE_CLOSE.ended, 'stream ended')
    })
  }
  engine.once('end', finish)
  engine.once('close', finish)
  engine.once('error', () => {
    if (browser.readyState === WebSocket.OPEN)
      browser.close(LIVE_CLOSE.serverError, 'engine stream failed')
  })
}
