import { afterEach, beforeEach } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { servePageFrom } from './dom.ts'

export interface PeerConnection {
  /** The path and query the page asked for, e.g. `/api/hosts/h1/events`. */
  url: string
  origin: string | undefined
  socket: WebSocket
  closed: Promise<number>
  send: (message: unknown) => void
}

/**
 * A real WebSocket server standing in for Harbormaster's live endpoints, so a hook's socket is a
 * real one (jsdom's WebSocket, over TCP) and the test plays the server's side of the contract.
 */
export async function startLivePeer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const connections: PeerConnection[] = []
  const waiters: (() => void)[] = []
  server.on('connection', (socket, request) => {
    const closed = new Promise<number>((resolve) => socket.once('close', resolve))
    connections.push({
      url: request.url ?? '',
      origin: request.headers.origin,
      socket,
      closed,
      send: (message) => {
        socket.send(JSON.stringify(message))
      },
    })
    waiters.splice(0).forEach((wake) => {
      wake()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    connections,
    /** The n-th connection (0-based), once the page has opened it. */
    async connection(n: number, timeoutMs = 5000): Promise<PeerConnection> {
      const deadline = Date.now() + timeoutMs
      while (connections[n] === undefined) {
        if (Date.now() > deadline) throw new Error(`no connection #${n} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
      return connections[n]
    },
    async close(): Promise<void> {
      for (const c of connections) c.socket.terminate()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
    },
  }
}
export type LivePeer = Awaited<ReturnType<typeof startLivePeer>>

/**
 * A fresh peer for each test of the calling file, with the page served from its origin (at
 * `path`) so the page's sockets reach it; closed after the test. Read `.peer` inside a test:
 * the object is made once, the peer behind it is each test's own.
 */
export function setupLivePeer(path?: string): { readonly peer: LivePeer } {
  let current: LivePeer | undefined
  beforeEach(async () => {
    current = await startLivePeer()
    servePageFrom(current.origin, path)
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  return {
    get peer() {
      if (!current) throw new Error('the live peer exists only while a test runs')
      return current
    },
  }
}
