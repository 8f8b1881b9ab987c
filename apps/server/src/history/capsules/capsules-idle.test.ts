import { type PrivateEngine, startPrivateEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../../test/harness.ts'

describe('crash capsules cost the engine nothing while nothing happens', () => {
  const h = startHarness()
  // An engine of its own: on the shared one, other files' containers make events.
  let quiet: PrivateEngine
  beforeAll(async () => {
    quiet = await startPrivateEngine({ name: 'capsules-idle' })
  })
  afterAll(() => quiet.stop())

  it('makes no engine call while capsules and retention rules are read and nothing dies', async () => {
    const admin = await h.as('admin')
    const added = await admin.post('/api/hosts', {
      id: 'quiet',
      name: 'Quiet',
      address: quiet.dockerHost,
    })
    expect(added.status, await added.clone().text()).toBe(201)
    // A rule that covers no running container follows nothing.
    const rule = await admin.post('/api/hosts/quiet/log-retention', {
      match: 'label',
      value: 'keep-logs',
    })
    expect(rule.status, await rule.clone().text()).toBe(201)
    const engine = h.server.services.hosts.engine('quiet')
    if (engine === undefined) throw new Error('no quiet host')
    expect((await admin.get('/api/hosts/quiet/containers')).status).toBe(200)
    const before = engine.callCounts.requests

    for (let second = 0; second < 5; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect((await admin.get('/api/hosts/quiet/capsules')).status).toBe(200)
      expect((await admin.get('/api/hosts/quiet/log-retention')).status).toBe(200)
    }

    expect(engine.callCounts.requests).toBe(before)
  })
})
