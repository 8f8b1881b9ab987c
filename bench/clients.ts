import { Agent, type IncomingHttpHeaders, request } from 'node:http'
import { WebSocket } from 'ws'

export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/**
 * Sends one request with `node:http` and reads the whole answer (as bytes: the bench measures
 * transport and server, not the client's JSON parsing). The same function serves the server
 * (TCP) and the engine (unix socket), so both paths pay the same client costs.
 */
export function httpRequest(options: {
  agent: Agent
  socketPath?: string
  url?: string
  method?: string
  path: string
  headers?: Record<string, string>
  body?: unknown
}): Promise<HttpAnswer> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body))
  const headers: Record<string, string> = { ...options.headers }
  if (payload) {
    headers['Content-Type'] = 'application/json'
    headers['Content-Length'] = String(payload.length)
  }
  const target = options.url === undefined ? undefined : new URL(options.url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: options.agent,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        ...(options.socketPath === undefined
          ? { host: target?.hostname, port: target?.port }
          : { socketPath: options.socketPath }),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** A browser-like client of the server: its session cookie, our Origin, keep-alive. */
export class Session {
  readonly url: string
  readonly origin: string
  cookie: string | undefined
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 4 })

  constructor(url: string, origin: string, cookie?: string) {
    this.url = url
    this.origin = origin
    this.cookie = cookie
  }

  /** The same session against another server (the cookie lives in the shared database). */
  at(url: string): Session {
    return new Session(url, this.origin, this.cookie)
  }

  get headers(): Record<string, string> {
    return { Origin: this.origin, ...(this.cookie === undefined ? {} : { Cookie: this.cookie }) }
  }

  async send(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const answer = await httpRequest({
      agent: this.#agent,
      url: this.url,
      method,
      path,
      headers: this.headers,
      body,
    })
    for (const line of answer.headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';')
      this.cookie = /max-age=0/i.test(line) ? undefined : pair
    }
    return answer
  }

  get(path: string): Promise<HttpAnswer> {
    return this.send('GET', path)
  }

  /** Sends and insists on the expected status; returns the parsed JSON body. */
  async expect(status: number, method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.send(method, path, body)
    if (answer.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${answer.status}: ${answer.body.toString().slice(0, 300)}`,
      )
    }
    return answer.body.length === 0 ? undefined : (JSON.parse(answer.body.toString()) as unknown)
  }

  /** Opens a WebSocket as this session; rejects with the HTTP status when the upgrade is refused. */
  openSocket(path: string): Promise<WebSocket> {
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}${path}`, {
      headers: this.headers,
      perMessageDeflate: false,
    })
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        resolve(ws)
      })
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`upgrade of ${path} refused with HTTP ${res.statusCode ?? 0}`))
      })
      ws.once('error', reject)
    })
  }

  close(): void {
    this.#agent.destroy()
  }
}

/** Closes sockets and waits (briefly) until they are closed. */
export async function closeSockets(sockets: readonly WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) {
            resolve()
            return
          }
          const timer = setTimeout(() => {
            ws.terminate()
            resolve()
          }, 2000)
          ws.once('close', () => {
            clearTimeout(timer)
            resolve()
          })
          ws.close()
        }),
    ),
  )
}
