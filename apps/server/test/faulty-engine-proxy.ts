import { rmSync } from 'node:fs'
import { type IncomingMessage, type Server, createServer, request } from 'node:http'

export interface FaultRule {
  /** Which requests it applies to (method and path with query, as the client sent them). */
  matches: (req: IncomingMessage) => boolean
  /** Answer with the engine's error shape instead of forwarding. */
  fail?: boolean
  /** Forward after this long. */
  delayMs?: number
  /** Keep the engine's answer, for `replay`. */
  record?: boolean
  /** Answer with the engine's last recorded answer to the same request: a list lagging behind. */
  replay?: boolean
}

/**
 * An HTTP proxy on a unix socket in front of a real engine that fails or delays the requests a
 * test names: engine faults on demand (a busy engine's 500, a slow list) while every other
 * request, the events stream included, reaches the real engine. No hijacks (exec, attach).
 */
export async function startFaultyEngineProxy(socketPath: string, engineSocket: string) {
  const rules: FaultRule[] = []
  const seen: string[] = []
  const recorded = new Map<string, { status: number; body: Buffer }>()
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`)
    const rule = rules.find((r) => r.matches(req))
    const key = `${req.method ?? ''} ${req.url ?? ''}`
    if (rule?.fail) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'injected engine failure' }))
      return
    }
    const old = rule?.replay ? recorded.get(key) : undefined
    if (old) {
      res.writeHead(old.status, { 'content-type': 'application/json' })
      res.end(old.body)
      return
    }
    const forward = () => {
      const upstream = request(
        { socketPath: engineSocket, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          if (rule?.record) {
            const chunks: Buffer[] = []
            answer.on('data', (chunk: Buffer) => chunks.push(chunk))
            answer.on('end', () => {
              recorded.set(key, { status: answer.statusCode ?? 502, body: Buffer.concat(chunks) })
            })
          }
          answer.pipe(res)
        },
      )
      upstream.on('error', () => {
        res.destroy()
      })
      res.on('close', () => {
        upstream.destroy()
      })
      req.pipe(upstream)
    }
    if (rule?.delayMs) setTimeout(forward, rule.delayMs)
    else forward()
  })
  rmSync(socketPath, { force: true })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return {
    dockerHost: `unix://${socketPath}`,
    rules,
    /** Requests seen so far, as `GET /v1.41/containers/json?…`. */
    seen,
    /** Cuts every connection open now (the events stream included); new ones are served. */
    cut(): void {
      server.closeAllConnections()
    },
    async close(): Promise<void> {
      server.closeAllConnections()
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve()
        }),
      )
      rmSync(socketPath, { force: true })
    },
  }
}
