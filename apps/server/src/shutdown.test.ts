import { Writable } from 'node:stream'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker, newRunId, removeLabelled, TEST_LABEL, testEngine } from '@harbormaster/testkit'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../test/api-client.ts'
import { TEST_ORIGIN } from '../test/harness.ts'
import { openLive } from '../test/live-client.ts'
import { loadConfig } from './config.ts'
import { startServer } from './server.ts'

const PASSWORD = 'shutdown-admin-password'

describe('shutting down and starting again (real engine, real SQLite)', () => {
  const engine = testEngine()
  const runId = newRunId()
  const dataDir = mkdtempSync(join(tmpdir(), 'hm-shutdown-'))
  const lines: Record<string, unknown>[] = []
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      },
    }),
  )
  const start = () =>
    startServer(
      loadConfig({
        HARBORMASTER_PORT: '0',
        HARBORMASTER_BIND: '127.0.0.1',
        HARBORMASTER_DATA_DIR: dataDir,
        HARBORMASTER_PUBLIC_URL: TEST_ORIGIN,
        HARBORMASTER_ADMIN_PASSWORD: PASSWORD,
        DOCKER_HOST: engine.dockerHost,
      }),
      logger,
    )

  afterAll(async () => {
    await removeLabelled(engine.dockerHost, runId)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('closes live streams with a message, finishes requests in flight, then keeps its data', async () => {
    const first = await start()
    const admin = new ApiClient(first.url, TEST_ORIGIN)
    expect(
      (await admin.post('/api/auth/login', { username: 'admin', password: PASSWORD })).status,
    ).toBe(200)
    const name = `hm-shutdown-${runId}`
    await docker(engine.dockerHost, [
      'run',
      '-d',
      ...['--name', name, '--label', `${TEST_LABEL}=${runId}`],
      engine.fixtureImage,
      ...['sh', '-c', 'sleep 2; exit 3'],
    ])
    const events = await openLive(admin, '/api/hosts/local/events')
    const waiting = admin.post(`/api/hosts/local/containers/${name}/wait`)
    await new Promise((resolve) => setTimeout(resolve, 300)) // the wait has reached the engine

    const closing = first.close()
    // The stream is told why, at once; the request in flight still gets its answer.
    expect(await events.closed).toEqual({ code: 1000, reason: 'server shutting down' })
    const waited = await waiting
    expect(waited.status).toBe(200)
    expect(await waited.json()).toMatchObject({ exitCode: 3 })
    await closing
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow()

    // A restart on the same data directory: the same session still signs the same user in.
    const second = await start()
    try {
      const again = new ApiClient(second.url, TEST_ORIGIN)
      again.cookie = admin.cookie
      const me = await again.get('/api/auth/me')
      expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin')
    } finally {
      await second.close()
    }
  })

  it('cuts a socket whose peer never answers the close frame once the grace period ends', async () => {
    const server = await start()
    const admin = new ApiClient(server.url, TEST_ORIGIN)
    await admin.post('/api/auth/login', { username: 'admin', password: PASSWORD })
    const peer = await upgradeAndGoSilent(server.url, '/api/hosts/local/events', admin.cookie ?? '')
    const started = Date.now()
    await server.close(300)
    // ws waits 30 s for a close reply; the grace period decides instead.
    expect(Date.now() - started).toBeLessThan(5_000)
    // Reading again, the peer finds its connection ended by the server.
    const ended = new Promise((resolve) => peer.once('close', resolve))
    peer.resume()
    await ended
  })

  it('logs one line per request with its id, and neither query strings nor secrets', async () => {
    const server = await start()
    try {
      lines.length = 0
      const client = new ApiClient(server.url, TEST_ORIGIN)
      await client.post('/api/auth/login', { username: 'admin', password: PASSWORD })
      await client.get('/api/hosts/local/containers?filter=token-in-a-query', {
        'x-request-id': 'req-from-the-test',
      })
      const line = lines.find((l) => l.requestId === 'req-from-the-test')
      expect(line).toMatchObject({
        msg: 'request',
        method: 'GET',
        path: '/api/hosts/local/containers',
        status: 400, // the parameter is unknown: refused, and logged without it
      })
      expect(typeof line?.user).toBe('string')
      const all = JSON.stringify(lines)
      expect(all).not.toContain(PASSWORD)
      expect(all).not.toContain('token-in-a-query')
      expect(lines.filter((l) => l.path === '/api/auth/login')).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('bound to every IPv6 and IPv4 address (::), names a URL it answers on', async () => {
    const server = await startServer(
      loadConfig({
        HARBORMASTER_PORT: '0',
        HARBORMASTER_BIND: '::',
        HARBORMASTER_DATA_DIR: dataDir,
        HARBORMASTER_PUBLIC_URL: TEST_ORIGIN,
        DOCKER_HOST: engine.dockerHost,
      }),
      pino({ level: 'silent' }),
    )
    try {
      expect(server.url).toBe(`http://[::1]:${server.port}`)
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
      expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})

/**
 * Opens a WebSocket by hand and then stops reading: a peer (a suspended laptop, a stuck proxy)
 * that will never answer the server's close frame.
 */
function upgradeAndGoSilent(baseUrl: string, path: string, cookie: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          `Origin: ${TEST_ORIGIN}`,
          `Cookie: ${cookie}`,
          '',
          '',
        ].join('\r\n'),
      )
    })
    socket.once('error', reject)
    socket.once('data', (head: Buffer) => {
      const status = head.toString('latin1').split('\r\n')[0] ?? ''
      if (!status.includes(' 101 ')) {
        reject(new Error(`upgrade refused: ${status}`))
        return
      }
      socket.pause()
      resolve(socket)
    })
  })
}
