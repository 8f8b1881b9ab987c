import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const system = '/api/hosts/local/system'

describe('system', () => {
  it('answers info and version to a viewer', async () => {
    const viewer = await h.as('viewer')

    const info = await viewer.get(`${system}/info`)
    const version = await viewer.get(`${system}/version`)

    expect(info.status).toBe(200)
    expect(await info.json()).toMatchObject({
      serverVersion: expect.stringMatching(/^\d+\./),
      ncpu: expect.any(Number),
      images: expect.any(Number),
      swarm: { localNodeState: 'inactive', manager: false },
    })
    expect(version.status).toBe(200)
    expect(await version.json()).toMatchObject({
      version: expect.stringMatching(/^\d+\./),
      apiVersion: expect.stringMatching(/^1\.\d+$/),
    })
  })

  it('measures disk usage once per 30 s, shared by concurrent callers', async () => {
    const viewer = await h.as('viewer')
    const operator = await h.as('operator')
    const engine = h.server.services.hosts.get('local')?.engine
    const dfCalls = () => engine?.callCounts.byRoute.get('GET /system/df') ?? 0
    const before = dfCalls()

    const [first, second] = await Promise.all([
      viewer.get(`${system}/df`),
      operator.get(`${system}/df`),
    ])
    const later = await viewer.get(`${system}/df`)

    const bodies = (await Promise.all([first, second, later].map((res) => res.json()))) as {
      measuredAt: string
      images: { id: string }[]
    }[]
    expect([first.status, second.status, later.status]).toEqual([200, 200, 200])
    expect(bodies[0]?.images.length).toBeGreaterThan(0)
    expect(Date.parse(bodies[0]?.measuredAt ?? '')).toBeGreaterThan(Date.now() - 60_000)
    expect(new Set(bodies.map((body) => body.measuredAt)).size).toBe(1)
    expect(dfCalls() - before).toBe(1)
  })

  it('returns recent events up to now, bounded, and answers at once', async () => {
    const viewer = await h.as('viewer')
    const since = Date.now() / 1000 - 1
    const name = h.uniqueName('evt')
    const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    await docker(h.dockerHost, ['volume', 'create', ...labels, name])

    const res = await viewer.get(`${system}/events?since=${since}`)
    const future = await viewer.get(
      `${system}/events?since=${since}&until=${Date.now() / 1000 + 3600}`,
    )

    expect(res.status).toBe(200)
    const body = (await res.json()) as { events: Record<string, unknown>[]; truncated: boolean }
    expect(body.truncated).toBe(false)
    expect(body.events).toContainEqual(
      expect.objectContaining({ type: 'volume', action: 'create', actorId: name }),
    )
    expect(future.status).toBe(200)
  })

  it('names an invalid query field', async () => {
    const viewer = await h.as('viewer')

    await expectApiError(
      await viewer.get(`${system}/events?since=yesterday`),
      400,
      'invalid_request',
      /^query\.since:/,
    )
  })
})
