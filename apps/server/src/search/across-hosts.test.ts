import type { AllHostsContainers, SearchResult } from '@harbormaster/contract'
import {
  type PrivateEngine,
  docker,
  ensureFixtureImages,
  labelsFor,
  startPrivateEngine,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, signIn, startHarness } from '../../test/harness.ts'

// An engine of its own, registered as `local` and again as `second`: other suites' activity on
// the shared engine would cause event-driven reads and blur the count of engine calls.
describe('containers and search across hosts', () => {
  let engine: PrivateEngine
  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'across' })
    await ensureFixtureImages(engine.dockerHost)
  })
  // Registered first, so it runs last: after the server that uses the engine has closed.
  afterAll(() => engine.stop())
  const h = startHarness({ dockerHost: () => engine.dockerHost })
  const token = Math.random().toString(36).slice(2, 8)
  const names = {
    web: `Web-${token}`,
    db: `db-${token}-store`,
    net: `net-${token}`,
    vol: `vol-${token}`,
    stack: `stk-${token}`,
  }

  const create = (name: string, labels: Record<string, string>) =>
    docker(engine.dockerHost, [
      'create',
      '--name',
      name,
      ...Object.entries({ ...h.labels, ...labels }).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      h.fixtureImage,
    ])

  beforeAll(async () => {
    const admin = await h.as('admin')
    const second = await admin.post('/api/hosts', {
      id: 'second',
      name: 'Second',
      address: engine.dockerHost,
    })
    expect(second.status, await second.clone().text()).toBe(201)
    // A host whose engine never answers: its events stream never connects.
    const gone = await admin.post('/api/hosts', {
      id: 'gone',
      name: 'Gone',
      address: `unix:///run/hm-gone-${token}.sock`,
    })
    expect(gone.status, await gone.clone().text()).toBe(201)
    await create(names.web, { team: 'a' })
    await create(names.db, { team: 'b', 'com.docker.compose.project': names.stack })
    const run = Object.entries(labelsFor(h.runId)).map(([k, v]) => `${k}=${v}`)
    await docker(engine.dockerHost, ['network', 'create', '--label', run[0] ?? '', names.net])
    await docker(engine.dockerHost, ['volume', 'create', '--label', run[0] ?? '', names.vol])
    const hosts = h.server.services.hosts
    await vi.waitFor(
      () => {
        expect(['local', 'second'].map((id) => hosts.get(id)?.containers.warm)).toEqual([
          true,
          true,
        ])
      },
      { timeout: 10_000 },
    )
  })

  const listAs = async (client: ApiClient) => {
    const res = await client.get('/api/containers')
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as AllHostsContainers
  }
  const rowsOf = (list: AllHostsContainers) =>
    list.containers
      .filter((c) => c.labels['harbormaster.test-run'] === h.runId)
      .map((c) => `${c.hostId}:${c.name.replace(/^\//, '')}`)
      .sort()
  const searchAs = async (client: ApiClient, q: string, limit?: number) => {
    const query = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) })
    const res = await client.get(`/api/search?${query.toString()}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as SearchResult
  }
  const newUser = async (role: string, hostGrants: unknown[]) => {
    const username = `u-${Math.random().toString(36).slice(2, 8)}`
    const admin = await h.as('admin')
    const res = await admin.post('/api/users', {
      username,
      password: 'user-password-1',
      role,
      hostGrants,
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return signIn(h, username, 'user-password-1')
  }

  it('lists every host’s containers with their host, and reports an unreachable host beside them', async () => {
    const list = await listAs(await h.as('viewer'))

    expect(rowsOf(list)).toEqual(
      [
        `local:${names.db}`,
        `local:${names.web}`,
        `second:${names.db}`,
        `second:${names.web}`,
      ].sort(),
    )
    expect(list.containers.find((c) => c.hostId === 'second')?.hostName).toBe('Second')
    expect(list.hosts.map((x) => [x.id, x.state, x.role])).toEqual([
      ['gone', 'unavailable', 'viewer'],
      ['local', 'listed', 'viewer'],
      ['second', 'listed', 'viewer'],
    ])
    expect(list.hosts[0]?.error).toMatch(/not reachable/)
  })

  it('leaves out a host hidden from the user, and applies a label scope on its host only', async () => {
    const localOnly = await newUser('viewer', [
      { hostId: 'second', role: 'none' },
      { hostId: 'gone', role: 'none' },
    ])
    const scoped = await newUser('operator', [
      { hostId: 'local', role: 'operator', labelScope: 'team=a' },
    ])

    const hidden = await listAs(localOnly)
    const narrowed = await listAs(scoped)

    expect(rowsOf(hidden)).toEqual([`local:${names.db}`, `local:${names.web}`].sort())
    expect(hidden.hosts.map((x) => x.id)).toEqual(['local'])
    expect(rowsOf(narrowed)).toEqual(
      [`local:${names.web}`, `second:${names.db}`, `second:${names.web}`].sort(),
    )
    expect(narrowed.hosts.find((x) => x.id === 'local')?.role).toBe('operator')
  })

  it('serves the list from the hosts’ models: no engine call', async () => {
    const viewer = await h.as('viewer')
    const engines = ['local', 'second'].map((id) => h.server.services.hosts.engine(id)!)
    const before = engines.map((e) => e.callCounts.requests)

    await Promise.all(Array.from({ length: 5 }, () => listAs(viewer)))

    expect(engines.map((e) => e.callCounts.requests)).toEqual(before)
  })

  it('finds the five kinds by name on every host, case-insensitively, best match first', async () => {
    const admin = await h.as('admin')

    const result = await searchAs(admin, token.toUpperCase(), 50)

    const found = result.hits.map((hit) => `${hit.kind}:${hit.hostId}:${hit.name}`)
    for (const host of ['local', 'second']) {
      expect(found).toEqual(
        expect.arrayContaining([
          `container:${host}:${names.web}`,
          `container:${host}:${names.db}`,
          `network:${host}:${names.net}`,
          `volume:${host}:${names.vol}`,
          `stack:${host}:${names.stack}`,
        ]),
      )
    }
    expect(result.unavailable.map((u) => u.hostId)).toEqual(['gone'])
    const exact = await searchAs(admin, names.net)
    expect(exact.hits[0]).toMatchObject({ kind: 'network', name: names.net })
    expect(exact.hits[0]?.ref).toMatch(/^[0-9a-f]{64}$/)
    const image = await searchAs(admin, h.fixtureImage.split(':')[0] ?? '')
    expect(image.hits.some((hit) => hit.kind === 'image')).toBe(true)
  })

  it('caps the hits and says so', async () => {
    const result = await searchAs(await h.as('admin'), token, 3)

    expect(result.hits).toHaveLength(3)
    expect(result.truncated).toBe(true)
  })

  it('finds only what the user may see', async () => {
    const scoped = await newUser('viewer', [
      { hostId: 'local', role: 'viewer', labelScope: 'team=a' },
      { hostId: 'second', role: 'none' },
    ])

    const result = await searchAs(scoped, token, 50)

    expect(result.hits.map((hit) => `${hit.kind}:${hit.hostId}:${hit.name}`).sort()).toEqual([
      `container:local:${names.web}`,
    ])
    // A hidden host is not even named among the hosts that could not be searched.
    expect(result.unavailable.map((u) => u.hostId)).toEqual(['gone'])
  })

  it('costs no engine call once the shared lists are kept', async () => {
    const admin = await h.as('admin')
    await searchAs(admin, token)
    const engines = ['local', 'second'].map((id) => h.server.services.hosts.engine(id)!)
    const before = engines.map((e) => e.callCounts.requests)

    await Promise.all(Array.from({ length: 5 }, () => searchAs(admin, token)))

    expect(engines.map((e) => e.callCounts.requests)).toEqual(before)
  })

  it('refuses an empty query, naming it', async () => {
    const res = await (await h.as('viewer')).get('/api/search?q=')

    await expectApiError(res, 400, 'invalid_request', /q/)
  })
})
