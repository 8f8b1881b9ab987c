import { WebSocketServer, type WebSocket } from 'ws'

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
