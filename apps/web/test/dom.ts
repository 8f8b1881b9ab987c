import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'
import { WebSocket as WsClient, type ClientOptions } from 'ws'

/**
 * Imported first by every component and hook test (each starts with the
 * `@vitest-environment jsdom` docblock): unmounts what the test rendered, so a socket or timer
 * a component opened ends with the test that opened it, and puts back any global a test stubbed
 * (the fetch of fake-server.ts), so the next test starts from the real one.
 */
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

/**
 * findBy… and waitFor give up after 1 s by default: a fixed window the full suite's load (a
 * real engine and a hundred test files on two cores) can outlast. They return as soon as the
 * page gets there, so a longer ceiling costs a passing test nothing.
 */
configure({ asyncUtilTimeout: 10_000 })

/** Points the page's own address at `origin`, as if the SPA had been served from there. */
export function servePageFrom(origin: string, path = '/'): void {
  const dom = (globalThis as { jsdom?: { reconfigure: (o: { url: string }) => void } }).jsdom
  if (!dom) throw new Error('servePageFrom needs the jsdom environment')
  dom.reconfigure({ url: new URL(path, origin).toString() })
}

/**
 * The page's WebSocket. jsdom's own cannot run under vitest: it is built on undici, which makes
 * its events with the global `Event` (jsdom's, once vitest installs the window) and Node's
 * EventTarget refuses them. ws's client implements the same browser API (onopen, onmessage with
 * string or ArrayBuffer data, onclose with the code, binaryType, readyState); like a browser, it
 * sends the page's Origin.
 */
class PageWebSocket extends WsClient {
  constructor(url: string | URL, protocols?: string | string[]) {
    const options: ClientOptions = { origin: window.location.origin }
    super(url, protocols, options)
  }
}
globalThis.WebSocket = PageWebSocket as unknown as typeof WebSocket

/**
 * jsdom lays nothing out, so a virtualised list would show no rows. Give every element a
 * 1000 × 600 px box to scroll in and 20 px of height when measured: a virtualised list then
 * renders what fits in 600 px (plus its overscan), as it would on a screen.
 */
Object.defineProperties(HTMLElement.prototype, {
  clientWidth: { configurable: true, get: () => 1000 },
  clientHeight: { configurable: true, get: () => 600 },
  offsetHeight: { configurable: true, get: () => 20 },
})

/**
 * jsdom's Range has no boxes: CodeMirror measures text through them. Empty boxes are what an
 * element that is not laid out has.
 */
Range.prototype.getClientRects = function getClientRects() {
  return [] as unknown as DOMRectList
}
Range.prototype.getBoundingClientRect = function getBoundingClientRect() {
  return new DOMRect(0, 0, 0, 0)
}

/**
 * jsdom has the <dialog> element but not its methods. These do what a browser does for the
 * app's dialogs: showModal opens it, close closes it and fires `close` (the app listens to it).
 */
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.open = true
}
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  if (!this.open) return
  this.open = false
  this.dispatchEvent(new Event('close'))
}
