import type { EventsServerMessage, LiveEvent } from '@harbormaster/contract'
import {
  type PrivateEngine,
  docker,
  ensureFixtureImages,
  scaled,
  startPrivateEngine,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, startHarness } from '../../test/harness.ts'
import { type LiveClient, openLive } from '../../test/live-client.ts'

const eventsPath = '/api/hosts/local/events'

/** Events received, each with the time it arrived. */
function record(live: LiveClient) {
  const arrivals: { event: LiveEvent; at: number }[] = []
  live.ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as EventsServerMessage
    if (message.type === 'event') arrivals.push({ event: message.event, at: Date.now() })
  })
  return arrivals
}

const containerEvents = (live: LiveClient, name: string, action?: string) =>
  (live.messages as EventsServerMessage[]).flatMap((m) =>
    m.type === 'event' &&
    m.event.type === 'container' &&
    m.event.attributes.name === name &&
    (action === undefined || m.event.action === action)
      ? [m.event]
      : [],
  )
const hostStates = (live: LiveClient) =>
  (live.messages as EventsServerMessage[]).flatMap((m) => (m.type === 'host' ? [m.state] : []))
const labelArgs = (labels: Record<string, string>) =>
  Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`])

describe('host events over WebSockets, against a real engine', () => {
  const h = startHarness()

  it('delivers a `docker run` from the CLI to a connected viewer within a second, typed', async () => {
    const viewer = await h.as('viewer')
    const live = await openLive(viewer, eventsPath)
    const arrivals = record(live)
    const name = h.uniqueName('cli-run')

    await docker(h.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      ...labelArgs(h.labels),
      h.fixtureImage,
      'sleep',
      '300',
    ])
    await live.waitFor((l) => containerEvents(l, name, 'start').length > 0, 5000)

    const [created] = containerEvents(live, name, 'create')
    expect(created).toMatchObject({
      type: 'container',
      action: 'create',
      scope: 'local',
      actorId: expect.stringMatching(/^[0-9a-f]{64}$/),
      timeNano: expect.stringMatching(/^\d{19}$/),
      attributes: { name, image: h.fixtureImage, ...h.labels },
    })
    for (const action of ['create', 'start']) {
      const arrival = arrivals.find(
        (a) => a.event.attributes.name === name && a.event.action === action,
      )!
      const happenedAt = Number(BigInt(arrival.event.timeNano) / 1_000_000n)
      // Pushed as it happens, not found by a poll: well inside a second on an idle machine.
      expect(arrival.at - happenedAt).toBeLessThan(scaled(1000))
    }
    live.ws.close()
  })

  it('sends a user with a label scope only the events of containers in scope', async () => {
    const admin = await h.as('admin')
    const username = h.uniqueName('scoped')
    const created = await admin.post('/api/users', {
      username,
      password: 'scoped-password-1',
      role: 'viewer',
      hostGrants: [{ hostId: 'local', role: 'viewer', labelScope: 'team=a' }],
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const scoped = await openLive(await signIn(h, username, 'scoped-password-1'), eventsPath)
    const everything = await openLive(await h.as('viewer'), eventsPath)
    const theirs = h.uniqueName('team-b')
    const mine = h.uniqueName('team-a')

    for (const [name, team] of [
      [theirs, 'b'],
      [mine, 'a'],
    ] as const) {
      await docker(h.dockerHost, [
        'create',
        '--name',
        name,
        ...labelArgs({ ...h.labels, team }),
        h.fixtureImage,
      ])
    }
    await scoped.waitFor((l) => containerEvents(l, mine).length > 0)
    await everything.waitFor((l) => containerEvents(l, mine).length > 0)

    expect(containerEvents(everything, theirs)).toHaveLength(1)
    expect(containerEvents(scoped, theirs)).toHaveLength(0)
    scoped.ws.close()
    everything.ws.close()
  })

  it('refuses a socket without a session (401) and from a foreign Origin (403) at the upgrade', async () => {
    const viewer = await h.as('viewer')
    await expect(openLive(h.anonymous, eventsPath)).rejects.toMatchObject({ status: 401 })
    await expect(
      openLive(viewer, eventsPath, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ status: 403 })
  })
})

// Its own engine: this test restarts the daemon, which must not disturb the shared one.
describe('host events across an engine restart, through the real server', () => {
  let engine: PrivateEngine
  beforeAll(async () => {
    engine = await startPrivateEngine({ name: 'liveevents' })
    await ensureFixtureImages(engine.dockerHost)
  })
  // Registered first, so it runs last: after the server that uses the engine has closed.
  afterAll(() => engine.stop())
  const h = startHarness({ dockerHost: () => engine.dockerHost })

  it('tells the browser the host went away and came back, and delivers events after the restart', async () => {
    const viewer = await h.as('viewer')
    await expect.poll(() => h.server.services.hosts.get('local')!.events.connected).toBe(true)
    const live = await openLive(viewer, eventsPath)
    await docker(engine.dockerHost, ['create', '--name', 'before', h.fixtureImage])
    await live.waitFor((l) => containerEvents(l, 'before', 'create').length > 0)

    await engine.stopDaemon()
    await live.waitFor((l) => hostStates(l).includes('disconnected'), 20_000)
    await engine.startDaemon()
    await live.waitFor((l) => hostStates(l).includes('reconnected'), 30_000)
    await docker(engine.dockerHost, ['create', '--name', 'after', h.fixtureImage])
    await live.waitFor((l) => containerEvents(l, 'after', 'create').length > 0)

    expect(hostStates(live)).toEqual(['disconnected', 'reconnected'])
    // Nothing replayed twice by the `since` resume.
    expect(containerEvents(live, 'before', 'create')).toHaveLength(1)
    live.ws.close()
  })

  it('says "disconnected" once however long the engine stays down, then "reconnected" once', async () => {
    const viewer = await h.as('viewer')
    const host = h.server.services.hosts.get('local')!
    await expect.poll(() => host.events.connected).toBe(true)
    const live = await openLive(viewer, eventsPath)
    const pings = () => host.engine.callCounts.byRoute.get('HEAD /_ping') ?? 0

    await engine.stopDaemon()
    await live.waitFor((l) => hostStates(l).includes('disconnected'), 20_000)
    // The server keeps asking while the engine is away: two pings is two tries (and one backoff)
    // after the break, however slowly the engine and this machine go.
    const before = pings()
    await expect.poll(pings, { timeout: scaled(30_000) }).toBeGreaterThanOrEqual(before + 2)
    expect(hostStates(live)).toEqual(['disconnected'])

    await engine.startDaemon()
    await live.waitFor((l) => hostStates(l).includes('reconnected'), 30_000)
    await docker(engine.dockerHost, ['create', '--name', 'after-outage', h.fixtureImage])
    await live.waitFor((l) => containerEvents(l, 'after-outage', 'create').length > 0)
    expect(hostStates(live)).toEqual(['disconnected', 'reconnected'])
    live.ws.close()
  })

  it('tells a browser that connects while the engine is down, then reports its return', async () => {
    const viewer = await h.as('viewer')
    await engine.stopDaemon()
    await expect
      .poll(() => h.server.services.hosts.get('local')!.events.connected, {
        timeout: scaled(20_000),
      })
      .toBe(false)

    const live = await openLive(viewer, eventsPath)
    await live.waitFor((l) => hostStates(l).includes('disconnected'))
    await engine.startDaemon()
    await live.waitFor((l) => hostStates(l).includes('reconnected'), 30_000)

    expect(hostStates(live)).toEqual(['disconnected', 'reconnected'])
    live.ws.close()
  })
})
