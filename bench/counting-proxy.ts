import { rmSync } from 'node:fs'
import { type Server, type Socket, connect, createServer } from 'node:net'

/**
 * A unix-socket proxy in front of the engine that counts the HTTP requests going through it.
 * The server under test runs as a child process, so its `engine.callCounts` cannot be read;
 * the proxy sees every request it sends (streams and hijacks included) without touching the
 * server. Requests are parsed from the client side of each connection: request line, headers,
 * then the body skipped by Content-Length or chunked framing, until an upgrade (exec/attach
 * hijack) turns the connection into raw bytes that are no longer parsed.
 */
export class CountingProxy {
  readonly socketPath: string
  /** Requests by route (`GET /containers/:id/stats`), ids and the version prefix taken out. */
  readonly byRoute = new Map<string, number>()
  /** Connections whose current request is a stats stream, now and at most. */
  openStats = 0
  peakOpenStats = 0
  readonly #server: Server
  readonly #sockets = new Set<Socket>()

  private constructor(socketPath: string, server: Server) {
    this.socketPath = socketPath
    this.#server = server
  }

  static async start(socketPath: string, engineSocket: string): Promise<CountingProxy> {
    const server = createServer()
    const proxy = new CountingProxy(socketPath, server)
    server.on('connection', (client) => {
      proxy.#relay(client, engineSocket)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(socketPath, resolve)
    })
    return proxy
  }

  get dockerHost(): string {
    return `unix://${this.socketPath}`
  }

  /** A copy of the counts, to subtract from a later one. */
  snapshot(): Map<string, number> {
    return new Map(this.byRoute)
  }

  /** Requests since `before`, by route (only routes that changed). */
  since(before: Map<string, number>): Map<string, number> {
    const delta = new Map<string, number>()
    for (const [route, n] of this.byRoute) {
      const d = n - (before.get(route) ?? 0)
      if (d > 0) delta.set(route, d)
    }
    return delta
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve()
      })
    })
    rmSync(this.socketPath, { force: true })
  }

  #relay(client: Socket, engineSocket: string): void {
    const upstream = connect(engineSocket)
    this.#sockets.add(client).add(upstream)
    let isStats = false
    const parser = new RequestParser((method, target) => {
      const route = routeOf(method, target)
      this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1)
      const stats = route === 'GET /containers/:id/stats'
      if (stats && !isStats) this.openStats++
      if (!stats && isStats) this.openStats--
      isStats = stats
      this.peakOpenStats = Math.max(this.peakOpenStats, this.openStats)
    })
    client.on('data', (chunk: Buffer) => {
      parser.push(chunk)
      if (!upstream.write(chunk)) client.pause()
    })
    upstream.on('drain', () => client.resume())
    upstream.on('data', (chunk: Buffer) => {
      if (!client.write(chunk)) upstream.pause()
    })
    client.on('drain', () => upstream.resume())
    const end = () => {
      if (isStats) this.openStats--
      isStats = false
      client.destroy()
      upstream.destroy()
      this.#sockets.delete(client)
      this.#sockets.delete(upstream)
    }
    client.once('close', end)
    upstream.once('close', end)
    client.on('error', end)
    upstream.on('error', end)
    client.on('end', () => upstream.end())
    upstream.on('end', () => client.end())
  }
}

/**
 * `GET /v1.41/containers/<64 hex>/stats?stream=1` → `GET /containers/:id/stats`; an unfiltered
 * `GET /containers/json` → `GET /containers/json (full)`.
 */
export function routeOf(method: string, target: string): string {
  const [rawPath = '', query = ''] = target.split('?')
  const path = rawPath
    .replace(/^\/v\d+\.\d+(?=\/)/, '')
    .replace(
      /^\/(containers|exec|networks|volumes|images)\/(?!json$|create$|prune$)[^/]+/,
      '/$1/:id',
    )
  // The model's full reads (start-up, reconnect, reconciliation) apart from its filtered re-reads.
  if (path === '/containers/json' && !/(^|&)filters=/.test(query)) return `${method} ${path} (full)`
  return `${method} ${path}`
}

type Mode = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'raw'

/** Incremental HTTP/1.1 request parser: just enough to find where each request starts. */
class RequestParser {
  readonly #onRequest: (method: string, target: string) => void
  #buffer: Buffer = Buffer.alloc(0)
  #mode: Mode = 'head'
  #left = 0
  #upgradeAfterBody = false

  constructor(onRequest: (method: string, target: string) => void) {
    this.#onRequest = onRequest
  }

  push(chunk: Buffer): void {
    if (this.#mode === 'raw') return
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk])
    let progressed = true
    while (progressed) progressed = this.#step()
    // Once hijacked, the rest is raw terminal or attach bytes: drop them.
    if (this.#isRaw()) this.#buffer = Buffer.alloc(0)
  }

  #isRaw(): boolean {
    return this.#mode === 'raw'
  }

  /** @returns whether progress was made. */
  #step(): boolean {
    switch (this.#mode) {
      case 'raw':
        return false
      case 'head':
        return this.#head()
      case 'body': {
        const take = Math.min(this.#left, this.#buffer.length)
        this.#buffer = this.#buffer.subarray(take)
        this.#left -= take
        if (this.#left > 0) return false
        this.#afterBody()
        return true
      }
      case 'chunk-size': {
        const eol = this.#buffer.indexOf('\r\n')
        if (eol < 0) return false
        const size = parseInt(this.#buffer.subarray(0, eol).toString('latin1'), 16)
        this.#buffer = this.#buffer.subarray(eol + 2)
        this.#left = size
        this.#mode = size === 0 ? 'chunk-end' : 'chunk-data'
        return true
      }
      case 'chunk-data': {
        const take = Math.min(this.#left + 2, this.#buffer.length)
        this.#buffer = this.#buffer.subarray(take)
        this.#left -= take
        if (this.#left > -2) return false
        this.#mode = 'chunk-size'
        return true
      }
      case 'chunk-end': {
        // No trailers are sent by the engine clients here: the last chunk ends with CRLF.
        if (this.#buffer.length < 2) return false
        this.#buffer = this.#buffer.subarray(2)
        this.#afterBody()
        return true
      }
    }
  }

  #head(): boolean {
    const end = this.#buffer.indexOf('\r\n\r\n')
    if (end < 0) return false
    const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n')
    this.#buffer = this.#buffer.subarray(end + 4)
    const [method = '?', target = '?'] = (lines[0] ?? '').split(' ')
    const headers = new Map<string, string>()
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
    }
    this.#onRequest(method, target)
    this.#upgradeAfterBody = headers.has('upgrade')
    if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) {
      this.#mode = 'chunk-size'
    } else {
      this.#left = Number(headers.get('content-length') ?? 0)
      this.#mode = 'body'
    }
    return true
  }

  #afterBody(): void {
    this.#mode = this.#upgradeAfterBody ? 'raw' : 'head'
  }
}
