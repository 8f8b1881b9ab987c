import { rmSync } from 'node:fs'
import { type Server, createServer, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiErrorBody, Host } from '@harbormaster/contract'
import { testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

/**
 * An engine older than API 1.12 (the 1.2 reference's era) cannot be had here: Engine 20.10
 * refuses `/v1.11` itself. So a small proxy in front of the real engine answers `/_ping` the way
 * engines before 1.25 did (no `Api-Version` header) and `/version` with `"ApiVersion": "1.11"`,
 * and forwards anything else to the real engine, recording it: no such request may be sent.
 */
async function startOldEngineProxy(socketPath: string, engineSocket: string) {
  const forwarded: string[] = []
  const server: Server = createServer((req, res) => {
    const path = req.url ?? ''
    if (path === '/_ping') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(req.method === 'HEAD' ? undefined : 'OK')
      return
    }
    if (path === '/version') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ApiVersion: '1.11', Version: '0.10.0', GoVersion: 'go1.2' }))
      return
    }
    forwarded.push(`${req.method ?? ''} ${path}`)
    const upstream = request(
      { socketPath: engineSocket, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      res.destroy()
    })
    req.pipe(upstream)
  })
  rmSync(socketPath, { force: true })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return {
    dockerHost: `unix://${socketPath}`,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
}

const TOO_OLD = /Engine API 1\.11 is too old: Harbormaster needs API 1\.12 or newer/

describe('a host whose engine is older than API 1.12', () => {
  const h = startHarness()
  const socket = join(tmpdir(), `hm-old-engine-${String(process.pid)}.sock`)
  let proxy: Awaited<ReturnType<typeof startOldEngineProxy>>

  beforeAll(async () => {
    proxy = await startOldEngineProxy(socket, testEngine().socketPath)
    const admin = await h.as('admin')
    const res = await admin.post('/api/hosts', {
      id: 'old',
      name: 'old',
      address: proxy.dockerHost,
    })
    expect(res.status).toBe(201)
  })
  afterAll(async () => {
    await proxy.close()
  })

  it('says so in its status', async () => {
    const admin = await h.as('admin')
    const host = (await (await admin.get('/api/hosts/old')).json()) as Host
    expect(host.reachable).toBe(false)
    expect(host.error).toMatch(TOO_OLD)
  })

  it('answers every host route with that message (502) or a 4xx, never a 500', async () => {
    const admin = await h.as('admin')
    const routes = h.server.routes.filter(
      (r) => r.path.startsWith('/api/hosts/:hostId/') && r.method !== 'ALL',
    )
    expect(routes.length).toBeGreaterThan(50)
    const refused: string[] = []
    for (const route of routes) {
      const path = route.path
        .replace(':hostId', 'old')
        .replace(/:[a-zA-Z]+(\{[^}]*\})?/g, 'hm-old-none')
        .replace(/\/\*$/, '/x')
      const res = await admin.request(route.method, path)
      const name = `${route.method} ${route.path}`
      if (res.status < 500) continue
      const body = (await res.json()) as ApiErrorBody
      expect({ name, status: res.status, code: body.error.code }).toEqual({
        name,
        status: 502,
        code: 'engine_version',
      })
      expect(body.error.message).toMatch(TOO_OLD)
      expect(body.error.message).toMatch(/^Host "old": /)
      refused.push(name)
    }
    // The views that read the engine are among them, and nothing was sent past the version.
    expect(refused).toEqual(
      expect.arrayContaining([
        'GET /api/hosts/:hostId/containers',
        'GET /api/hosts/:hostId/images',
        'GET /api/hosts/:hostId/volumes',
      ]),
    )
    const created = await admin.post('/api/hosts/old/containers', { image: h.fixtureImage })
    expect(created.status).toBe(502)
    expect(proxy.forwarded).toEqual([])
  })
})
