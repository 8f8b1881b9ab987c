import { encodeCommandQuery } from '@harbormaster/contract'
import { scaled } from '@harbormaster/testkit'
import { WebSocket } from 'ws'
import type { ApiClient } from './api-client.ts'

/** An exec command for a query string, as the web app sends it (a JSON array, URL-encoded). */
export const commandParam = (...words: string[]) => encodeURIComponent(encodeCommandQuery(words))

export interface LiveClient {
  ws: WebSocket
  /** Text messages received so far, parsed. */
  messages: unknown[]
  /** Binary frames received so far, as one text (terminal output). */
  output(): string
  /** Waits until a message (or the output) satisfies the predicate; the deadline is `scaled`. */
  waitFor(predicate: (client: LiveClient) => boolean, timeoutMs?: number): Promise<void>
  closed: Promise<{ code: number; reason: string }>
}

/**
 * Opens a WebSocket to the test server as the given client (its session cookie and Origin), and
 * records what arrives. Rejects with the HTTP status when the upgrade is refused.
 */
export function openLive(
  client: ApiClient,
  path: string,
  options: { origin?: string; headers?: Record<string, string> } = {},
): Promise<LiveClient> {
  const url = `${client.baseUrl.replace(/^http/, 'ws')}${path}`
  const headers: Record<string, string> = {
    Origin: options.origin ?? client.origin,
    ...options.headers,
  }
  if (client.cookie) headers.Cookie = client.cookie
  const ws = new WebSocket(url, { headers, perMessageDeflate: false })
  const messages: unknown[] = []
  const chunks: Buffer[] = []
  const listeners = new Set<() => void>()
  // Said in a timeout's error: a socket the server closed is a different failure from one
  // still open and silent.
  let closedWith = 'still open'
  ws.once('close', (code, reason) => {
    closedWith = `closed ${code} ${reason.toString()}`
  })
  const live: LiveClient = {
    ws,
    messages,
    output: () => Buffer.concat(chunks).toString('utf8'),
    waitFor: (predicate, deadlineMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timeoutMs = scaled(deadlineMs)
        if (predicate(live)) {
          resolve()
          return
        }
        const check = () => {
          if (!predicate(live)) return
          listeners.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(
            new Error(
              `not seen within ${timeoutMs} ms; socket ${closedWith}; messages: ${JSON.stringify(messages).slice(-500)}; output: ${JSON.stringify(live.output().slice(-300))}`,
            ),
          )
        }, timeoutMs)
        listeners.add(check)
      }),
    closed: new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
      })
    }),
  }
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) chunks.push(Buffer.from(data))
    else messages.push(JSON.parse(data.toString('utf8')) as unknown)
    for (const listener of [...listeners]) listener()
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      resolve(live)
    })
    ws.once('unexpected-response', (_req, res) => {
      reject(new UpgradeRefused(res.statusCode ?? 0))
    })
    ws.once('error', reject)
  })
}

export class UpgradeRefused extends Error {
  readonly status: number

  constructor(status: number) {
    super(`upgrade refused with HTTP ${status}`)
    this.status = status
  }
}

/** Far below the once-a-minute re-check of every socket: a close within it came from the change. */
const PROMPTLY_MS = 10_000

/** How the socket closed, or a failure naming the wait, if it stays open past the deadline. */
export function closedWithin(live: LiveClient, ms = PROMPTLY_MS) {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the socket was still open ${ms} ms after what should have closed it`))
    }, ms)
  })
  return Promise.race([live.closed, late]).finally(() => {
    clearTimeout(timer)
  })
}

/** A ping answered by a pong: the socket is open at the server, not merely not yet closed. */
export function stillOpen(live: LiveClient): Promise<boolean> {
  if (live.ws.readyState !== WebSocket.OPEN) return Promise.resolve(false)
  return new Promise((resolve) => {
    live.ws.once('pong', () => {
      resolve(live.ws.readyState === WebSocket.OPEN)
    })
    live.ws.once('close', () => {
      resolve(false)
    })
    live.ws.ping()
  })
}
