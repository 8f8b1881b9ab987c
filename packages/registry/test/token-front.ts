import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A registry behind Docker's token flow, for tests: Debian's docker-registry has token auth but
 * needs a signing service, so this small server plays both parts. It answers 401 with a Bearer
 * challenge, issues tokens at /token for the right basic credentials (or anonymously when
 * `anonymous`), and forwards authorized requests to a real registry.
 */
export async function startTokenFront(options: {
  upstream: string
  upstreamAuthorization: string
  username: string
  password: string
  anonymous?: boolean
}): Promise<{ baseUrl: string; tokenRequests: string[]; close(): Promise<void> }> {
  const issued = new Set<string>()
  const tokenRequests: string[] = []
  let baseUrl = ''
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      response.writeHead(500).end()
    })
  })
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', baseUrl)
    if (url.pathname === '/token') {
      tokenRequests.push(url.search)
      const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`
      const given = request.headers.authorization
      if (given === undefined ? options.anonymous !== true : given !== expected) {
        response.writeHead(401).end()
        return
      }
      const token = randomBytes(16).toString('hex')
      issued.add(token)
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ access_token: token, expires_in: 300 }))
      return
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    if (bearer === undefined || !issued.has(bearer)) {
      const repository = /^\/v2\/(.+)\/manifests\//.exec(url.pathname)?.[1] ?? ''
      response.writeHead(401, {
        'www-authenticate': `Bearer realm="${baseUrl}/token",service="hm-test",scope="repository:${repository}:pull"`,
      })
      response.end()
      return
    }
    const upstream = await fetch(`${options.upstream}${url.pathname}`, {
      method: request.method ?? 'GET',
      headers: {
        accept: request.headers.accept ?? '*/*',
        authorization: options.upstreamAuthorization,
      },
    })
    const headers: Record<string, string> = {}
    for (const name of ['content-type', 'docker-content-digest', 'content-length']) {
      const value = upstream.headers.get(name)
      if (value !== null) headers[name] = value
    }
    response.writeHead(upstream.status, headers)
    response.end(Buffer.from(await upstream.arrayBuffer()))
  }
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve)
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    baseUrl,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}
