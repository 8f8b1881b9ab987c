import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { rawExchange, rawRequest, type RawAnswer } from '../../test/raw-http.ts'
import { loadConfig } from '../config.ts'
import { type RunningServer, startServer } from '../server.ts'
import { createLogger } from './logger.ts'

const PUBLIC = 'http://dash.example.test:8080'
const PASSWORD = 'rebinding-admin-1'

/** What the server logged, parsed (the real logger, at the default level). */
const lines: { level: number; msg: string; host?: string }[] = []
const logger = createLogger(
  'info',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number])
      done()
    },
  }),
)

describe('DNS rebinding: every request must name one of our hosts (real server)', () => {
  const engine = testEngine()
  const dataDir = mkdtempSync(join(tmpdir(), 'hm-rebind-'))
  // A web app of its own, so static files and the SPA fallback are served (and guarded).
  const webDir = mkdtempSync(join(tmpdir(), 'hm-rebind-web-'))
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Harbormaster</title>')
  let server: RunningServer
  let port: number
  let setupCode: string
  /** A browser that loaded a page from `host` and talks to us through it (same-origin, to it). */
  const asPageFrom = (host: string, extra: Record<string, string> = {}) => ({
    Host: host,
    Origin: `http://${host}`,
    'Sec-Fetch-Site': 'same-origin',
    ...extra,
  })
  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    rawRequest(server.url, method, path, headers, body)
  const users = () => server.services.auth.users.count()

  beforeAll(async () => {
    server = await startServer(
      loadConfig({
        HARBORMASTER_PORT: '0',
        HARBORMASTER_BIND: '127.0.0.1',
        HARBORMASTER_DATA_DIR: dataDir,
        HARBORMASTER_WEB_DIR: webDir,
        HARBORMASTER_PUBLIC_URL: PUBLIC,
        HARBORMASTER_ALLOWED_HOSTS: 'other.example.test, pinned.example.test:9000',
        DOCKER_HOST: engine.dockerHost,
      }),
      logger,
    )
    port = server.port
    setupCode = server.setupCode ?? ''
  })
  afterAll(async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(webDir, { recursive: true, force: true })
  })

  const expectMisdirected = (res: RawAnswer, host: string) => {
    expect(res.status, res.body).toBe(421)
    const body = JSON.parse(res.body) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('misdirected')
    expect(body.error.message).toContain(JSON.stringify(host))
    expect(body.error.message).toContain('HARBORMASTER_ALLOWED_HOSTS')
  }

  it('refuses first-run setup from a rebound name, even with the right code: nobody is created', async () => {
    const host = `rebind.evil.example:${port}`
    const res = await send('POST', '/api/auth/setup', asPageFrom(host), {
      username: 'mallory',
      password: 'mallory-password-1',
      setupCode,
    })

    expectMisdirected(res, host)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(users()).toBe(0)
  })

  const refused = [
    'rebind.evil.example:PORT',
    'REBIND.EVIL.EXAMPLE:PORT',
    'rebind.evil.example.:PORT',
    'rebind.evil.example',
    'dash.example.test:9999', // the public name on a port that is neither its own nor ours
    'pinned.example.test:9001', // an allowed name pinned to another port
    'localhost.evil.example:PORT',
    '127.0.0.1.nip.io:PORT',
    'dash.example.test.evil.example:8080',
    '0x7f.1:PORT', // a numeric shorthand only URL parsers read as 127.0.0.1
    '2130706433:PORT',
  ]
  it.each(refused)(
    'refuses Host %s on the API, the web app and before authentication',
    async (form) => {
      const host = form.replace('PORT', String(port))
      const paths = ['/api/health', '/api/auth/session', '/', '/index.html', '/hosts/local/x']
      for (const path of paths) {
        expectMisdirected(await send('GET', path, asPageFrom(host)), host)
      }
    },
  )

  const upgrade = (target: string, host: string) =>
    `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
  const malformed = ['bad host', 'a:b:c', '[::1', 'host:0', 'host:99999', 'user@host', 'évil']
  it.each([...malformed, 'x'.repeat(300)])(
    'answers a malformed Host (%s) with a 400 envelope, on requests and upgrades alike',
    async (host) => {
      const plain = await rawExchange(
        port,
        `GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      )
      // @hono/node-server alone answered some of these upgrades with a 500.
      const ws = await rawExchange(port, upgrade('/api/hosts/local/events', host))

      expect(plain.status, plain.text).toBe(400)
      expect(plain.text).toContain('"code":"invalid_request"')
      expect(ws.status, ws.text).toBe(400)
    },
  )

  it('answers a malformed absolute-form target with a 400, on upgrades too', async () => {
    for (const target of ['http://bad host/api/health', 'http://[::1/', 'http://a:b:c/']) {
      const ws = await rawExchange(port, upgrade(target, `127.0.0.1:${port}`))
      expect(ws.status, `${target}: ${ws.text}`).toBe(400)
    }
  })

  const accepted = [
    '127.0.0.1:PORT',
    '127.0.0.1',
    '127.8.9.10:1234',
    'localhost',
    'LOCALHOST.:PORT',
    '[::1]:PORT',
    '[2001:DB8::1]', // any IP literal: no attacker's page has an address of ours as its origin
    '10.1.2.3:80',
    'dash.example.test:8080',
    'DASH.Example.TEST.:8080',
    'dash.example.test', // a proxy that forwards $host without the port
    'dash.example.test:PORT', // the port the connection arrived on: direct, past the proxy
    'other.example.test:1234', // HARBORMASTER_ALLOWED_HOSTS, any port
    'pinned.example.test:9000',
  ]
  it.each(accepted)('serves Host %s', async (form) => {
    const host = form.replace('PORT', String(port))
    const res = await send('GET', '/api/health', { Host: host })
    expect(res.status, res.body).toBe(200)
    for (const page of ['/', '/index.html', '/hosts/local/containers']) {
      const answer = await send('GET', page, { Host: host })
      expect(answer.status).toBe(200)
      expect(answer.body).toContain('<title>Harbormaster</title>')
    }
  })

  it('judges an absolute-form target by its own host, not the Host header beside it', async () => {
    const evil = await rawExchange(
      port,
      `GET http://rebind.evil.example:${port}/api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    )
    const ours = await rawExchange(
      port,
      `GET http://127.0.0.1:${port}/api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    )

    expect(evil.status, evil.text).toBe(421)
    expect(evil.text).toContain('misdirected')
    expect(ours.status, ours.text).toBe(200)
  })

  it('answers a request without Host with a 400', async () => {
    const http11 = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n')
    const http10 = await rawExchange(port, 'GET /api/health HTTP/1.0\r\n\r\n')

    expect(http11.status).toBe(400)
    expect(http10.status).toBe(400)
    expect(http10.text).toContain('no Host header')
  })

  it('refuses a foreign Origin on any method, even with a Host of ours', async () => {
    const ip = `127.0.0.1:${port}`
    const get = (origin: string) =>
      send('GET', '/api/auth/session', { Host: ip, Origin: origin }).then((r) => r.status)

    expect(await get('http://evil.example')).toBe(403)
    // An IP is a fine Host, but an attacker can serve a page from an address of their own.
    expect(await get(`http://10.9.9.9:${port}`)).toBe(403)
    expect(await get('not a url')).toBe(403)
    expect(await get(`http://${ip}`)).toBe(200)
    expect(await get(PUBLIC)).toBe(200)
    expect(await get('http://other.example.test:5000')).toBe(200)
    expect(await get('null')).toBe(200)
  })

  describe('once set up', () => {
    let cookie = ''
    const ours = () => ({ Host: `127.0.0.1:${port}`, Origin: PUBLIC })

    beforeAll(async () => {
      const setup = await send('POST', '/api/auth/setup', ours(), {
        username: 'admin',
        password: PASSWORD,
        setupCode,
      })
      expect(setup.status, setup.body).toBe(201)
      cookie = String(setup.headers['set-cookie']).split(';')[0] ?? ''
    })

    it('refuses sign-in and a mutation through a rebound name, and changes nothing', async () => {
      const host = `rebind.evil.example:${port}`
      const login = await send('POST', '/api/auth/login', asPageFrom(host), {
        username: 'admin',
        password: PASSWORD,
      })
      const create = await send('POST', '/api/users', asPageFrom(host, { Cookie: cookie }), {
        username: 'mallory',
        password: 'mallory-password-1',
        role: 'admin',
      })

      expectMisdirected(login, host)
      expect(login.headers['set-cookie']).toBeUndefined()
      expectMisdirected(create, host)
      expect(users()).toBe(1)
    })

    it('refuses a WebSocket upgrade through a rebound name before the handshake', async () => {
      const open = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/api/hosts/local/events`, { headers })
          ws.once('open', () => {
            ws.close()
            resolve(101)
          })
          ws.once('unexpected-response', (_req, res) => {
            resolve(res.statusCode ?? 0)
          })
          ws.once('error', reject)
        })

      expect(await open(asPageFrom(`rebind.evil.example:${port}`, { Cookie: cookie }))).toBe(421)
      expect(await open(asPageFrom(`127.0.0.1.nip.io:${port}`, { Cookie: cookie }))).toBe(421)
      expect(await open({ ...ours(), Cookie: cookie })).toBe(101)
    })

    it('logs one warning per refused host, however often it is asked for', async () => {
      const host = (name: string) => ({ Host: `${name}.warn.example` })
      for (let i = 0; i < 5; i++) await send('GET', '/api/health', host('repeated'))
      await send('GET', '/api/health', host('another'))

      const warned = lines.filter((l) => l.host?.endsWith('.warn.example'))
      expect(warned.map((l) => [l.level, l.host])).toEqual([
        [40, 'repeated.warn.example'],
        [40, 'another.warn.example'],
      ])
    })
  })
})
