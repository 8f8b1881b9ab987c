import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type PrivateEngine,
  ensureFixtureImages,
  startPrivateEngine,
  testEngine,
  scaled,
} from '@harbormaster/testkit'
import { DEFAULT_SECRET_ENV_PATTERNS, type Host } from '@harbormaster/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { openLive } from '../../test/live-client.ts'

interface HostView {
  id: string
  reachable: boolean
  apiVersion?: string
  error?: string
}

describe('several hosts, one of which goes away and comes back', () => {
  const h = startHarness()
  let second: PrivateEngine
  beforeAll(async () => {
    second = await startPrivateEngine({ name: 'second' })
    await ensureFixtureImages(second.dockerHost)
  })
  afterAll(() => second.stop())

  it('serves two engines side by side, each with its own containers', async () => {
    const admin = await h.as('admin')
    const added = await admin.post('/api/hosts', {
      id: 'second',
      name: 'Second',
      address: second.dockerHost,
    })
    expect(added.status, await added.clone().text()).toBe(201)
    const name = h.uniqueName('where')

    await admin.post('/api/hosts/second/containers', {
      image: h.fixtureImage,
      name,
      labels: h.labels,
    })

    const onSecond = (await (await admin.get('/api/hosts/second/containers')).json()) as {
      name: string
    }[]
    const onLocal = (await (await admin.get('/api/hosts/local/containers')).json()) as {
      name: string
    }[]
    expect(onSecond.map((c) => c.name)).toContain(name)
    expect(onLocal.map((c) => c.name)).not.toContain(name)
    const hosts = (await (await admin.get('/api/hosts')).json()) as HostView[]
    expect(hosts.map((x) => [x.id, x.reachable, x.apiVersion])).toEqual(
      expect.arrayContaining([
        ['local', true, '1.41'],
        ['second', true, '1.41'],
      ]),
    )
  })

  it('answers 502 naming the host while its engine is down, and recovers without a restart', async () => {
    const admin = await h.as('admin')
    await admin.post('/api/hosts', { id: 'flaky', name: 'Flaky', address: second.dockerHost })
    expect((await admin.get('/api/hosts/flaky/containers')).status).toBe(200)

    await second.stopDaemon()
    // Lists come from the host's model, which learns of the outage from its events stream a
    // moment after the engine dies; from then on the host answers 502, naming itself.
    await expect
      .poll(async () => (await admin.get('/api/hosts/flaky/containers')).status, {
        timeout: scaled(10_000),
      })
      .toBe(502)
    await expectApiError(
      await admin.get('/api/hosts/flaky/containers'),
      502,
      'engine_unreachable',
      /^Host "flaky": Engine at unix:\/\/.* is unreachable/,
    )
    expect((await admin.get('/api/hosts/local/containers')).status).toBe(200)
    await second.startDaemon()

    await expect
      .poll(async () => (await admin.get('/api/hosts/flaky/containers')).status, {
        timeout: scaled(10_000),
      })
      .toBe(200)
  })

  it('reaches an engine over TCP with TLS, and reports one whose certificate is refused', async () => {
    const admin = await h.as('admin')
    const tls = testEngine().tls!
    const pem = (file: string) => readFileSync(join(tls.certPath, file), 'utf8')

    const good = await admin.post('/api/hosts', {
      id: 'tls',
      name: 'TLS',
      address: tls.dockerHost,
      tls: { ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem') },
    })
    const bad = await admin.post('/api/hosts', {
      id: 'tls-nocert',
      name: 'No cert',
      address: tls.dockerHost,
      tls: { ca: pem('ca.pem') },
    })

    expect((await good.json()) as HostView).toMatchObject({
      id: 'tls',
      reachable: true,
      apiVersion: '1.41',
    })
    expect((await bad.json()) as HostView).toMatchObject({ id: 'tls-nocert', reachable: false })
    expect(JSON.stringify(await (await admin.get('/api/hosts/tls')).json())).not.toContain(
      'PRIVATE KEY',
    )
    await expectApiError(
      await admin.get('/api/hosts/tls-nocert/containers'),
      502,
      'engine_unreachable',
      /tls-nocert/,
    )
  })

  it('validates host input and keeps ids unique', async () => {
    const admin = await h.as('admin')

    await expectApiError(
      await admin.post('/api/hosts', { id: 'Bad Id', name: 'x', address: 'unix:///x' }),
      400,
      'invalid_request',
      /json\.id/,
    )
    await expectApiError(
      await admin.post('/api/hosts', { id: 'x1', name: 'x', address: 'ssh://host' }),
      400,
      'invalid_request',
      /json\.address/,
    )
    await expectApiError(
      await admin.post('/api/hosts', { id: 'local', name: 'again', address: 'unix:///x' }),
      409,
      'conflict',
    )
    expect((await admin.delete('/api/hosts/tls-nocert')).status).toBe(204)
    await expectApiError(await admin.get('/api/hosts/tls-nocert'), 404, 'not_found')
  })

  it("keeps a host's live sockets through a rename, and closes them when it is reached anew or removed", async () => {
    const admin = await h.as('admin')
    const add = await admin.post('/api/hosts', {
      id: 'short-lived',
      name: 'short-lived',
      address: h.dockerHost,
    })
    expect(add.status).toBe(201)
    const first = await openLive(admin, '/api/hosts/short-lived/events')
    const renamed = await admin.patch('/api/hosts/short-lived', {
      name: 'renamed',
      allowedBindPrefixes: ['/srv'],
    })
    expect(renamed.status).toBe(200)
    expect(await renamed.json()).toMatchObject({ name: 'renamed', allowedBindPrefixes: ['/srv'] })
    expect(
      (await (await admin.get('/api/hosts')).json()) as { id: string; name: string }[],
    ).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'short-lived', name: 'renamed' })]),
    )
    // Still open and still fed: a volume made on the engine reaches it as an event.
    const volume = h.uniqueName('after-rename')
    const made = await admin.post('/api/hosts/short-lived/volumes', {
      name: volume,
      labels: h.labels,
    })
    expect(made.status).toBe(201)
    await first.waitFor((l) => JSON.stringify(l.messages).includes(volume))
    expect((await admin.delete(`/api/hosts/short-lived/volumes/${volume}`)).status).toBe(204)

    // The same engine by another address (`/./` in the socket path): a new engine client.
    const moved = await admin.patch('/api/hosts/short-lived', {
      address: h.dockerHost.replace('unix:///', 'unix:///./'),
    })
    expect(moved.status).toBe(200)
    expect(await first.closed).toEqual({ code: 1000, reason: 'host settings changed' })

    const second = await openLive(admin, '/api/hosts/short-lived/events')
    const elsewhere = await openLive(admin, '/api/hosts/local/events')
    expect((await admin.delete('/api/hosts/short-lived')).status).toBe(204)
    expect(await second.closed).toEqual({ code: 4404, reason: 'host removed' })
    expect(elsewhere.ws.readyState).toBe(elsewhere.ws.OPEN)
    elsewhere.ws.close()
  })

  it('changes only what a partial update names', async () => {
    const admin = await h.as('admin')
    const created = await admin.post('/api/hosts', {
      id: 'partial',
      name: 'partial',
      address: 'tcp://127.0.0.1:9',
      tls: { verify: false, ca: readFileSync(join(testEngine().tls!.certPath, 'ca.pem'), 'utf8') },
      allowedBindPrefixes: ['/srv/data'],
    })
    expect(created.status).toBe(201)
    expect((await admin.patch('/api/hosts/partial', { name: 'renamed' })).status).toBe(200)
    expect((await admin.patch('/api/hosts/partial', { tls: {} })).status).toBe(200)
    const host = (await (await admin.get('/api/hosts/partial')).json()) as Host
    expect(host).toMatchObject({
      name: 'renamed',
      allowedBindPrefixes: ['/srv/data'],
      tls: { verify: false },
    })
    expect((await admin.delete('/api/hosts/partial')).status).toBe(204)
  })

  it('keeps secret environment patterns with the host: the defaults until an admin sets others', async () => {
    const admin = await h.as('admin')
    const patterns = async (id: string) =>
      ((await (await admin.get(`/api/hosts/${id}`)).json()) as Host).secretEnvPatterns

    await admin.post('/api/hosts', { id: 'plain-patterns', name: 'p', address: 'unix:///nowhere' })
    const invalid = await admin.patch('/api/hosts/plain-patterns', {
      secretEnvPatterns: ['DB_PASSWORD=x'],
    })
    const set = await admin.patch('/api/hosts/plain-patterns', { secretEnvPatterns: ['*_PIN'] })
    const renamed = await admin.patch('/api/hosts/plain-patterns', { name: 'renamed' })

    await expectApiError(invalid, 400, 'invalid_request', /secretEnvPatterns\.0/)
    expect([set.status, renamed.status]).toEqual([200, 200])
    expect(await patterns('plain-patterns')).toEqual(['*_PIN'])
    expect(await patterns('local')).toEqual(DEFAULT_SECRET_ENV_PATTERNS)
    expect((await admin.delete('/api/hosts/plain-patterns')).status).toBe(204)
  })
})
