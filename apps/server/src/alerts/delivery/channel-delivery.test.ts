import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AlertChannelConfigInput,
  type AlertNotice,
  type QuietHours,
  alertWebhookBodySchema,
} from '@harbormaster/contract'
import { pino } from 'pino'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { startAlertReceiver } from '../../../test/alert-receiver.ts'
import { type Db, openDatabase } from '../../db/database.ts'
import { ChannelStore } from '../channels/channel-store.ts'
import { type ChannelDelivery, channelDelivery } from './channel-delivery.ts'

const receiver = startAlertReceiver()
const dataDir = mkdtempSync(join(tmpdir(), 'hm-delivery-'))
const db: Db = openDatabase(dataDir)
const channels = new ChannelStore(db)
const logger = pino({ level: 'silent' })
const running: ChannelDelivery[] = []

/** A delivery service whose retries come fast: the tests wait on what the receiver got. */
function delivery(options: Partial<Parameters<typeof channelDelivery>[0]> = {}) {
  const made = channelDelivery({
    db,
    logger,
    retry: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 4 },
    timeoutMs: 5000,
    ...options,
  })
  made.start()
  running.push(made)
  return made
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((made) => made.stop()))
})
afterAll(() => {
  db.close()
  rmSync(dataDir, { recursive: true, force: true })
})

let channelCount = 0
function channel(config: AlertChannelConfigInput, quietHours?: QuietHours) {
  return channels.create({ name: `channel-${++channelCount}`, enabled: true, config, quietHours })
}

const notice: AlertNotice = {
  id: 'alert-1',
  kind: 'container.exit',
  state: 'firing',
  severity: 'critical',
  title: 'web-1 exited with code 3 on prod',
  body: 'The container web-1 exited with code 3.\nIt had run for 2 minutes.',
  ruleId: 'rule-1',
  ruleName: 'Containers that exit',
  hostId: 'local',
  hostName: 'prod',
  subject: { type: 'container', id: 'abc123', name: 'web-1' },
  at: '2026-12-07T06:00:00.000Z',
  url: 'http://harbormaster.test/hosts/local/containers/abc123',
}

describe('channel delivery', () => {
  it('signs a webhook body with HMAC-SHA256 over the raw bytes, time inside the signed body', async () => {
    const made = channel({ type: 'webhook', url: `${receiver.url}/hook`, secret: 'hmac-key-1' })
    const service = delivery()
    service.dispatch(notice, [made.id])
    await vi.waitFor(() => {
      expect(receiver.on('/hook')).toHaveLength(1)
    })
    const [got] = receiver.on('/hook')
    if (!got) throw new Error('nothing received')
    const expected = createHmac('sha256', 'hmac-key-1').update(got.rawBody).digest('hex')
    expect(got.headers['x-harbormaster-signature']).toBe(`sha256=${expected}`)
    expect(got.headers['content-type']).toBe('application/json')
    const body = alertWebhookBodySchema.parse(JSON.parse(got.rawBody))
    expect(body).toMatchObject({ version: 1, event: 'alert', attempt: 1, notice })
    expect(got.headers['x-harbormaster-delivery']).toBe(body.deliveryId)
    expect(Number(got.headers['x-harbormaster-timestamp'])).toBe(
      Math.floor(Date.parse(body.sentAt) / 1000),
    )
    await vi.waitFor(() => {
      expect(service.deliveries(made.id)).toMatchObject([
        { id: body.deliveryId, status: 'sent', attempts: 1, lastError: null },
      ])
    })
  })

  it('publishes to ntfy with its title, priority, tags and click headers and a bearer token', async () => {
    const made = channel({ type: 'ntfy', url: `${receiver.url}/ntfy-topic`, token: 'tk_abc' })
    delivery().dispatch({ ...notice, title: 'web-1 a quitté' }, [made.id])
    await vi.waitFor(() => {
      expect(receiver.on('/ntfy-topic')).toHaveLength(1)
    })
    const [got] = receiver.on('/ntfy-topic')
    expect(got?.rawBody).toBe(notice.body)
    expect(got?.headers).toMatchObject({
      // Not Latin-1 safe: an RFC 2047 encoded word, which ntfy decodes.
      title: `=?UTF-8?B?${Buffer.from('web-1 a quitté').toString('base64')}?=`,
      priority: '5',
      tags: 'rotating_light,container.exit,prod',
      click: notice.url,
      authorization: 'Bearer tk_abc',
    })
  })

  it('posts Slack and Discord webhooks in their documented shapes, mentions defused', async () => {
    const slack = channel({ type: 'slack', url: `${receiver.url}/slack` })
    const discord = channel({ type: 'discord', url: `${receiver.url}/discord` })
    const loud = { ...notice, state: 'resolved' as const, title: 'web-1 <!channel> healthy again' }
    delivery().dispatch(loud, [slack.id, discord.id])
    await vi.waitFor(() => {
      expect(receiver.on('/slack')).toHaveLength(1)
      expect(receiver.on('/discord')).toHaveLength(1)
    })
    const slackBody = JSON.parse(receiver.on('/slack')[0]?.rawBody ?? '') as unknown
    expect(slackBody).toEqual({
      text: ':white_check_mark: Resolved: web-1 &lt;!channel&gt; healthy again',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text:
              ':white_check_mark: *Resolved: web-1 &lt;!channel&gt; healthy again*\n' +
              `${notice.body}\n<${notice.url}|Open in Harbormaster>`,
          },
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: 'critical · Containers that exit · prod' }],
        },
      ],
    })
    const discordBody = JSON.parse(receiver.on('/discord')[0]?.rawBody ?? '') as unknown
    expect(discordBody).toEqual({
      username: 'Harbormaster',
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: 'Resolved: web-1 <!channel> healthy again',
          description: notice.body,
          url: notice.url,
          color: 0x43a047,
          timestamp: notice.at,
          footer: { text: 'critical · Containers that exit · prod' },
        },
      ],
    })
  })

  it('retries a receiver that answers 500 twice, and the log shows the attempts', async () => {
    receiver.answer('/flaky', [500, 500])
    const made = channel({ type: 'slack', url: `${receiver.url}/flaky` })
    const service = delivery()
    service.dispatch(notice, [made.id])
    await vi.waitFor(() => {
      expect(service.deliveries(made.id)).toMatchObject([
        { status: 'sent', attempts: 3, lastError: null },
      ])
    })
    expect(receiver.on('/flaky')).toHaveLength(3)
  })

  it('gives up after the last attempt and keeps the receiver’s last answer', async () => {
    receiver.answer('/down', [503, 503, 503, 503, 503])
    const made = channel({ type: 'discord', url: `${receiver.url}/down` })
    const service = delivery()
    service.dispatch(notice, [made.id])
    await vi.waitFor(() => {
      expect(service.deliveries(made.id)).toMatchObject([
        { status: 'failed', attempts: 4, lastError: 'HTTP 503: receiver says no' },
      ])
    })
    expect(receiver.on('/down')).toHaveLength(4)
  })

  it('holds a delivery in quiet hours and sends it once they are over', async () => {
    const made = channel({ type: 'slack', url: `${receiver.url}/quiet` }, quietAroundNow('hold'))
    const service = delivery()
    service.dispatch(notice, [made.id])
    await vi.waitFor(() => {
      expect(service.deliveries(made.id)).toMatchObject([{ status: 'held', attempts: 0 }])
    })
    const [held] = service.deliveries(made.id)
    // Held until the hours end (an hour from now, to the minute), not retried meanwhile.
    expect(held?.nextAttemptAt).toBeGreaterThan(Date.now() + 58 * 60_000)
    expect(receiver.on('/quiet')).toHaveLength(0)
    channels.update(made.id, { quietHours: null })
    service.channelChanged(made.id)
    await vi.waitFor(() => {
      expect(service.deliveries(made.id)).toMatchObject([{ status: 'sent', attempts: 1 }])
    })
    expect(receiver.on('/quiet')).toHaveLength(1)
  })

  it('drops a delivery in quiet hours in drop mode', async () => {
    const made = channel({ type: 'slack', url: `${receiver.url}/dropped` }, quietAroundNow('drop'))
    const service = delivery()
    service.dispatch(notice, [made.id])
    await vi.waitFor(() => {
      expect(service.deliveries(made.id)).toMatchObject([
        { status: 'dropped', attempts: 0, lastError: 'quiet hours' },
      ])
    })
    expect(receiver.on('/dropped')).toHaveLength(0)
  })

  it('keeps a queued delivery across a restart and sends it then', async () => {
    receiver.answer('/restart', [500])
    const made = channel({ type: 'slack', url: `${receiver.url}/restart` })
    const first = delivery({ retry: { baseDelayMs: 60 * 60_000, maxDelayMs: 60 * 60_000 } })
    first.dispatch(notice, [made.id])
    await vi.waitFor(() => {
      expect(first.deliveries(made.id)).toMatchObject([{ status: 'pending', attempts: 1 }])
    })
    await first.stop()
    // The next run starts when the retry is due (its clock two hours on): the row is still there.
    const second = delivery({ now: () => Date.now() + 2 * 60 * 60_000 })
    await vi.waitFor(() => {
      expect(second.deliveries(made.id)).toMatchObject([{ status: 'sent', attempts: 2 }])
    })
    expect(receiver.on('/restart')).toHaveLength(2)
  })

  it('follows no redirect and reports where it pointed', async () => {
    receiver.answer('/moved', [302])
    const made = channel({ type: 'slack', url: `${receiver.url}/moved` })
    const result = await delivery().sendTest(made)
    expect(result).toMatchObject({ ok: false, answer: 'HTTP 302: redirect not followed' })
    expect(receiver.on('/moved')).toHaveLength(1)
  })

  it('keeps a test in the delivery log, sent or failed with what the receiver said', async () => {
    receiver.answer('/tested', [200, 503])
    const made = channel({ type: 'webhook', url: `${receiver.url}/tested`, secret: 'k' })
    const service = delivery()
    const title = `Test from Harbormaster: channel ${made.name} works`
    expect(await service.sendTest(made)).toMatchObject({ ok: true })
    expect(await service.sendTest(made)).toMatchObject({ ok: false })
    const [got] = receiver.on('/tested')
    if (!got) throw new Error('nothing received')
    expect(service.deliveries(made.id)).toMatchObject([
      { status: 'failed', attempts: 1, lastError: expect.stringMatching(/^HTTP 503/) },
      {
        id: got.headers['x-harbormaster-delivery'],
        status: 'sent',
        attempts: 1,
        lastError: null,
        notice: { title },
      },
    ])
  })

  it('queues nothing for a disabled or unknown channel', () => {
    const made = channels.create({
      name: 'disabled',
      enabled: false,
      config: { type: 'slack', url: `${receiver.url}/disabled` },
    })
    const service = delivery()
    service.dispatch(notice, [made.id, 'no-such-channel'])
    expect(service.deliveries(made.id)).toEqual([])
  })
})

/** Quiet hours from an hour ago to an hour from now, in UTC. */
function quietAroundNow(mode: QuietHours['mode']): QuietHours {
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16)
  return {
    start: clock(Date.now() - 60 * 60_000),
    end: clock(Date.now() + 60 * 60_000),
    timeZone: 'UTC',
    mode,
  }
}
