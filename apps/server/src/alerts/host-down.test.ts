import type {
  AlertChannelResponse,
  AlertList,
  AlertNotice,
  AlertRule,
} from '@harbormaster/contract'
import { type PrivateEngine, scaled, startPrivateEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { openLive } from '../../test/live-client.ts'

describe('a host whose engine stops, and comes back', () => {
  const h = startHarness()
  const sent: { notice: AlertNotice; channelIds: readonly string[] }[] = []
  let second: PrivateEngine
  beforeAll(async () => {
    second = await startPrivateEngine({ name: 'alerts-down' })
    h.server.services.alerts.useDispatcher({
      dispatch(notice, channelIds) {
        sent.push({ notice, channelIds })
      },
    })
  })
  afterAll(() => second.stop())

  it('fires one host-down notice after the rule’s time and one "back" notice', async () => {
    const admin = await h.as('admin')
    const added = await admin.post('/api/hosts', {
      id: 'down',
      name: 'Down',
      address: second.dockerHost,
    })
    expect(added.status, await added.clone().text()).toBe(201)
    const channel = await admin.post('/api/alerts/channels', {
      name: 'pager',
      config: { type: 'slack', url: 'http://127.0.0.1:9/pager' },
    })
    const pager = ((await channel.json()) as AlertChannelResponse).channel.id
    const created = await admin.post('/api/alert-rules', {
      name: 'Down for a second',
      kind: 'host.down',
      params: { afterSeconds: 1 },
      scope: { type: 'hosts', hostIds: ['down'] },
      channelIds: [pager],
    })
    const { rule } = (await created.json()) as { rule: AlertRule }
    const live = await openLive(admin, '/api/hosts/down/events')
    await live.waitFor(() => h.server.services.hosts.get('down')?.events.connected === true)
    const mine = () => sent.filter((s) => s.notice.ruleId === rule.id)

    await second.stopDaemon()

    await expect.poll(() => mine().length, { timeout: scaled(20_000) }).toBe(1)
    expect(mine()[0]).toMatchObject({
      channelIds: [pager],
      notice: { kind: 'host.down', state: 'firing', severity: 'critical', hostId: 'down' },
    })
    expect(mine()[0]?.notice.title).toMatch(/^Down is unreachable since /)
    await second.startDaemon()
    await expect.poll(() => mine().length, { timeout: scaled(30_000) }).toBe(2)
    expect(mine()[1]?.notice).toMatchObject({
      id: mine()[0]?.notice.id,
      state: 'resolved',
      title: 'Down is back',
    })
    const list = (await (await admin.get('/api/alerts?hostId=down')).json()) as AlertList
    expect(list.alerts.map((a) => [a.kind, a.state])).toEqual([['host.down', 'resolved']])
    // The socket that was open when the engine went came back with it and got the recovery.
    await live.waitFor((c) =>
      c.messages.some(
        (m) =>
          (m as { type: string }).type === 'alert' &&
          (m as { notice: AlertNotice }).notice.state === 'resolved',
      ),
    )
    live.ws.close()
  })
})
