import { type PrivateEngine, startPrivateEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

describe('alert rules cost the engine nothing while nothing happens', () => {
  const h = startHarness()
  // An engine of its own: on the shared one, other files' containers would make events, which
  // the container model answers with reads of its own.
  let quiet: PrivateEngine
  beforeAll(async () => {
    quiet = await startPrivateEngine({ name: 'alerts-idle' })
  })
  afterAll(() => quiet.stop())

  it('makes no engine call with every event-driven rule enabled and nothing happening', async () => {
    const admin = await h.as('admin')
    const rules = [
      { kind: 'container.restart-loop', params: { restarts: 2, windowMinutes: 1 } },
      { kind: 'image.update', params: {} },
      { kind: 'host.down', params: { afterSeconds: 1 } },
    ]
    for (const rule of rules) {
      const res = await admin.post('/api/alert-rules', { name: rule.kind, ...rule })
      expect(res.status, await res.clone().text()).toBe(201)
    }
    const added = await admin.post('/api/hosts', {
      id: 'quiet',
      name: 'Quiet',
      address: quiet.dockerHost,
    })
    expect(added.status, await added.clone().text()).toBe(201)
    const engine = h.server.services.hosts.engine('quiet')!
    // The model warms up on its first read; from then on only the events stream is open.
    expect((await admin.get('/api/hosts/quiet/containers')).status).toBe(200)
    const before = engine.callCounts.requests

    for (let second = 0; second < 5; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect((await admin.get('/api/alerts')).status).toBe(200)
    }

    expect(engine.callCounts.requests).toBe(before)
  })
})
