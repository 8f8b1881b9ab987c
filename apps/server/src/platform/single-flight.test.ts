import { describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

describe('identical reads at the same moment, through the real server', () => {
  const h = startHarness()

  it('ten viewers asking for the container list at once cause one engine call', async () => {
    const viewer = await h.as('viewer')
    const engine = h.server.services.hosts.engine('local')!
    const calls = () => engine.callCounts.byRoute.get('GET /containers/json') ?? 0
    const before = calls()

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => viewer.get('/api/hosts/local/containers')),
    )

    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(calls() - before).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await viewer.get('/api/hosts/local/containers')
    expect(calls() - before).toBe(2)
  })
})
