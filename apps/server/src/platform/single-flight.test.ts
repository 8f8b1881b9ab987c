import {
  type PrivateEngine,
  docker,
  ensureFixtureImages,
  startPrivateEngine,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

// An engine of its own: other suites' activity on the shared engine would cause event-driven
// reads and blur the count of calls.
describe('what ten viewers cost the engine, through the real server', () => {
  let engine: PrivateEngine
  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'reads' })
    await ensureFixtureImages(engine.dockerHost)
  })
  // Registered first, so it runs last: after the server that uses the engine has closed.
  afterAll(() => engine.stop())
  const h = startHarness({ dockerHost: () => engine.dockerHost })
  const listCalls = () =>
    h.server.services.hosts.engine('local')!.callCounts.byRoute.get('GET /containers/json') ?? 0

  it('serves the container list from the host model: ten viewers, no engine call', async () => {
    const viewer = await h.as('viewer')
    await expect.poll(() => h.server.services.hosts.get('local')!.containers.warm).toBe(true)
    const before = listCalls()

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => viewer.get('/api/hosts/local/containers')),
    )

    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(listCalls() - before).toBe(0)
  })

  it('shares one engine call between ten viewers asking for what the model cannot serve (sizes)', async () => {
    const viewer = await h.as('viewer')
    const before = listCalls()

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => viewer.get('/api/hosts/local/containers?size=true')),
    )

    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(listCalls() - before).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await viewer.get('/api/hosts/local/containers?size=true')
    expect(listCalls() - before).toBe(2)
  })

  it('makes the expensive image list only when asked, shares it, says its age, and drops it on an image event', async () => {
    const viewer = await h.as('viewer')
    const engine = h.server.services.hosts.engine('local')!
    const imageCalls = () => engine.callCounts.byRoute.get('GET /images/json') ?? 0
    const before = imageCalls()

    const first = await viewer.get('/api/hosts/local/images')
    const second = await viewer.get('/api/hosts/local/images')

    expect(imageCalls() - before).toBe(1)
    expect(second.headers.get('x-measured-at')).toBe(first.headers.get('x-measured-at'))
    expect(Date.parse(first.headers.get('x-measured-at') ?? '')).toBeGreaterThan(
      Date.now() - 60_000,
    )
    const tag = h.uniqueName('tagged')
    await docker(h.dockerHost, ['tag', h.fixtureImage, `${tag}:1`])
    await expect
      .poll(async () => JSON.stringify(await (await viewer.get('/api/hosts/local/images')).json()))
      .toContain(`${tag}:1`)
    expect(imageCalls() - before).toBeGreaterThanOrEqual(2)
  })
})
