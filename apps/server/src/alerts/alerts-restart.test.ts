import {
  type AlertChannelResponse,
  type AlertEntry,
  type AlertList,
  type AlertRuleResponse,
  alertWebhookBodySchema,
} from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { startAlertReceiver } from '../../test/alert-receiver.ts'
import { startHarness } from '../../test/harness.ts'
import { COLD_START_REPLAY_SECONDS } from '../events/index.ts'

/** The rules' memory of open alerts and de-duplication windows outlives a server restart. */
describe('alerts across a server restart', () => {
  const h = startHarness()
  const receiver = startAlertReceiver()
  const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const run = (name: string, ...args: string[]) =>
    docker(h.dockerHost, ['run', '-d', '--name', name, ...labelArgs(), ...args])
  const alertsAbout = async (name: string): Promise<AlertEntry[]> => {
    const admin = await h.as('admin')
    const res = await admin.get('/api/alerts?limit=200')
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as AlertList).alerts.filter((a) => a.subject?.name === name)
  }
  const states = async (name: string) =>
    (await alertsAbout(name)).map((a) => [a.ruleId, a.state, a.suppressed ?? 0])
  const restartWatching = async (whileDown?: () => Promise<void>) => {
    await h.restart(whileDown)
    // Events before the new server's stream is open are not its to see: wait for it.
    await expect
      .poll(() => h.server.services.hosts.get('local')?.events.connected, {
        timeout: scaled(20_000),
      })
      .toBe(true)
  }

  it('a container unhealthy before the restart gets its "healthy again" after it', async () => {
    const name = h.uniqueName('health')
    await run(
      name,
      '--health-cmd',
      'test -f /tmp/ok',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      h.fixtureImage,
      'sleep',
      '3600',
    )
    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual([['default-unhealthy', 'firing', 0]])

    await restartWatching()
    await docker(h.dockerHost, ['exec', name, 'touch', '/tmp/ok'])

    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual([['default-unhealthy', 'resolved', 0]])
    const [alert] = await alertsAbout(name)
    expect(alert).toMatchObject({
      title: `${name} is unhealthy on local`,
      resolvedAt: expect.any(String),
    })
  })

  it('a container that fails again after the restart, inside the window, opens no second alert', async () => {
    const name = h.uniqueName('exit')
    await run(name, h.fixtureImage, 'sh', '-c', 'exit 3')
    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual([['default-exit', 'firing', 0]])

    await restartWatching()
    // It runs again (the open alert is resolved) and exits 3 again, inside the rule's 15 min.
    await docker(h.dockerHost, ['start', name])
    await docker(h.dockerHost, ['wait', name])
    const marker = h.uniqueName('marker')
    await run(marker, h.fixtureImage, 'sh', '-c', 'exit 4')

    // The marker's alert comes after this container's second exit would have: events are in order.
    await expect
      .poll(() => states(marker), { timeout: scaled(20_000) })
      .toEqual([['default-exit', 'firing', 0]])
    expect(await states(name)).toEqual([['default-exit', 'resolved', 0]])
  })

  it('a container made healthy while the server was down: resolved at the restart, one recovery sent', async () => {
    const admin = await h.as('admin')
    const name = h.uniqueName('healed')
    const channel = await admin.post('/api/alerts/channels', {
      name: h.uniqueName('hook'),
      config: { type: 'webhook', url: `${receiver.url}/healed`, secret: 'restart-hmac-secret' },
    })
    expect(channel.status, await channel.clone().text()).toBe(201)
    const created = await admin.post('/api/alert-rules', {
      name: h.uniqueName('unhealthy'),
      kind: 'container.unhealthy',
      params: {},
      scope: { type: 'labels', selector: `io.harbormaster.test.healed=${name}` },
      channelIds: [((await channel.json()) as AlertChannelResponse).channel.id],
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const ruleId = ((await created.json()) as AlertRuleResponse).rule.id
    const sent = () =>
      receiver
        .on('/healed')
        .map((got) => alertWebhookBodySchema.parse(JSON.parse(got.rawBody)).notice)
        .map((notice) => [notice.subject?.name, notice.state])
    await run(
      name,
      '--label',
      `io.harbormaster.test.healed=${name}`,
      '--health-cmd',
      'test -f /tmp/ok',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      h.fixtureImage,
      'sleep',
      '3600',
    )
    await expect.poll(sent, { timeout: scaled(20_000) }).toEqual([[name, 'firing']])

    // Healthy again while no server hears it, and long enough ago that the new server's first
    // subscription (which starts a little back in time) does not replay that health_status.
    await restartWatching(async () => {
      const before = String(Math.floor(Date.now() / 1000) - 1)
      await docker(h.dockerHost, ['exec', name, 'touch', '/tmp/ok'])
      const healedAt = async () => {
        const found = await docker(h.dockerHost, [
          'events',
          ...['--since', before, '--until', String(Math.ceil(Date.now() / 1000))],
          ...['--filter', `container=${name}`, '--filter', 'event=health_status: healthy'],
          ...['--format', '{{.TimeNano}}'],
        ])
        return found.stdout.trim().split('\n').filter(Boolean).map(Number).at(-1)
      }
      await expect.poll(healedAt, { timeout: scaled(20_000) }).toBeGreaterThan(0)
      const healed = Math.floor(((await healedAt()) ?? 0) / 1e9)
      await expect
        .poll(() => Math.floor(Date.now() / 1000) - COLD_START_REPLAY_SECONDS, {
          timeout: scaled(10_000),
        })
        .toBeGreaterThan(healed)
    })

    await expect
      .poll(() => states(name), { timeout: scaled(20_000) })
      .toEqual(
        expect.arrayContaining([
          [ruleId, 'resolved', 0],
          ['default-unhealthy', 'resolved', 0],
        ]),
      )
    await expect.poll(sent, { timeout: scaled(20_000) }).toEqual([
      [name, 'firing'],
      [name, 'resolved'],
    ])
    const recovery = receiver.on('/healed')[1]
    expect(recovery && JSON.parse(recovery.rawBody)).toMatchObject({
      notice: { title: `${name} is healthy again on local`, severity: 'info' },
    })
  })
})
