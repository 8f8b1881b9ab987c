import { randomBytes } from 'node:crypto'
import { type Socket, connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One connection through the proxy: the request paths it carried and whether it is open. */
export interface ProxiedConnection {
  paths: string[]
  open: boolean
}

/**
 * A Unix-socket proxy in front of an engine socket that records each connection's request
 * paths: a test registers it as a host's address to see which engine calls the server makes,
 * and when it ends a stream. Call `listen()` first, `close()` after.
 */
export function countingProxy(targetSocket: string) {
  const dockerHost = `unix://${join(tmpdir(), `hm-proxy-${randomBytes(4).toString('hex')}.sock`)}`
  const connections: ProxiedConnection[] = []
  const open = new Set<Socket>()
  const server = createServer((client: Socket) => {
    const conn: ProxiedConnection = { paths: [], open: true }
    connections.push(conn)
    const engine = connect(targetSocket)
    open.add(client)
    client.on('data', (data: Buffer) => {
      for (const m of data.toString('latin1').matchAll(/^[A-Z]+ (\S+) HTTP\/1\.1\r$/gm)) {
        conn.paths.push(m[1] ?? '')
      }
    })
    client.pipe(engine)
    engine.pipe(client)
    const end = () => {
      open.delete(client)
      conn.open = false
      client.destroy()
      engine.destroy()
    }
    client.once('close', end).once('error', end)
    engine.once('close', end).once('error', end)
  })
  return {
    dockerHost,
    /** Every request path sent so far, in order. */
    paths: () => connections.flatMap((c) => c.paths),
    /** The connections that carried a request whose path contains `part`. */
    connectionsTo: (part: string) =>
      connections.filter((c) => c.paths.some((p) => p.includes(part))),
    listen: () =>
      new Promise<void>((resolve) => server.listen(dockerHost.slice('unix://'.length), resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => {
          resolve()
        })
      }),
  }
}
