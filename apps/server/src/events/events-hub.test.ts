import {
  type PrivateEngine,
  docker,
  ensureFixtureImages,
  startPrivateEngine,
  scaled,
} from '@harbormaster/testkit'
import { createEngine } from '@harbormaster/engine'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HostEventMessage, HostEvents } from './events-hub.ts'

// Its own engine: this test restarts the daemon, which must not disturb the shared one.
describe('HostEvents against an engine that restarts', () => {
  let engine: PrivateEngine
  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'events' })
    await ensureFixtureImages(engine.dockerHost)
  })
  afterAll(() => engine.stop())

  it('delivers events, reports the outage, and resumes with no event lost or repeated', async () => {
    const client = createEngine({ host: engine.dockerHost })
    const hub = new HostEvents(client, pino({ level: 'silent' }))
    const seen: HostEventMessage[] = []
    const waitFor = (predicate: (m: HostEventMessage[]) => boolean) =>
      expect.poll(() => predicate(seen), { timeout: scaled(20_000), interval: 50 }).toBe(true)
    hub.listen((message) => seen.push(message))
    const running = hub.run()
    const names = (action: string) =>
      seen.flatMap((m) =>
        m.kind === 'event' && m.event.type === 'container' && m.event.action === action
          ? [m.event.attributes.name]
          : [],
      )

    await waitFor((m) => m.some((x) => x.kind === 'reconnected'))
    await docker(engine.dockerHost, [
      'create',
      '--name',
      'before',
      'harbormaster-fixture/busybox:1',
    ])
    await waitFor(() => names('create').includes('before'))

    await engine.stopDaemon()
    await waitFor((m) => m.some((x) => x.kind === 'disconnected'))
    await engine.startDaemon()
    await docker(engine.dockerHost, ['create', '--name', 'after', 'harbormaster-fixture/busybox:1'])
    await waitFor(() => names('create').includes('after'))

    // At least once per start; a daemon still starting may drop the first stream once more.
    expect(seen.filter((m) => m.kind === 'reconnected').length).toBeGreaterThanOrEqual(2)
    expect(names('create')).toEqual(['before', 'after'])
    hub.stop()
    await running
    client.close()
  })
})
