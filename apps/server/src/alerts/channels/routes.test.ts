import { createHmac } from 'node:crypto'
import type {
  AlertChannelList,
  AlertChannelResponse,
  AlertChannelTestResult,
  AlertDeliveryList,
  AlertNotice,
} from '@harbormaster/contract'
import { describe, expect, it, vi } from 'vitest'
import { startAlertReceiver } from '../../../test/alert-receiver.ts'
import { expectApiError } from '../../../test/expect-api-error.ts'
import { startFastApp } from '../../../test/fast-app.ts'

const fast = startFastApp()
const receiver = startAlertReceiver()

// Values that must never come back out: in an answer, the audit log or a delivery log.
const TOKEN = 'T0KEN-in-the-path-7f3a'
const HMAC_SECRET = 'hmac-secret-b81c'
const NTFY_TOKEN = 'tk_ntfy_5e2d'
const SMTP_PASSWORD = 'smtp-password-40aa'
const SECRETS = [TOKEN, HMAC_SECRET, NTFY_TOKEN, SMTP_PASSWORD]

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

const notice: AlertNotice = {
  id: 'alert-9',
  kind: 'host.down',
  state: 'firing',
  severity: 'critical',
  title: 'prod is unreachable',
  body: 'No answer from the engine for 60 s.',
  ruleId: 'rule-9',
  ruleName: 'Hosts that go down',
  hostId: 'local',
  hostName: 'prod',
  at: '2026-12-07T06:00:00.000Z',
}

describe('alert channels API', () => {
  it('is for admins only', async () => {
    const operator = await fast.as('operator')
    await expectApiError(await operator.get('/api/alerts/channels'), 403, 'forbidden')
    const created = await operator.post('/api/alerts/channels', {
      name: 'ops',
      config: { type: 'slack', url: `${receiver.url}/x` },
    })
    await expectApiError(created, 403, 'forbidden')
    await expectApiError(await fast.anonymous.get('/api/alerts/channels'), 401, 'unauthenticated')
  })

  it('keeps every secret write-only: answers say whether one is set, never what it is', async () => {
    const admin = await fast.as('admin')
    const bodies: string[] = []
    const create = async (body: unknown) => {
      const res = await admin.post('/api/alerts/channels', body)
      const text = await res.text()
      expect(res.status, text).toBe(201)
      bodies.push(text)
      return (JSON.parse(text) as AlertChannelResponse).channel
    }
    const webhook = await create({
      name: 'signed webhook',
      config: { type: 'webhook', url: `${receiver.url}/hook/${TOKEN}`, secret: HMAC_SECRET },
    })
    expect(webhook.config).toEqual({
      type: 'webhook',
      target: receiver.url,
      hasUrl: true,
      hasSecret: true,
    })
    const ntfy = await create({
      name: 'phone',
      config: { type: 'ntfy', url: `${receiver.url}/${TOKEN}-topic`, token: NTFY_TOKEN },
    })
    expect(ntfy.config).toMatchObject({ type: 'ntfy', hasToken: true })
    const mail = await create({
      name: 'mail',
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin', mode: 'hold' },
      config: {
        type: 'email',
        host: 'smtp.example.test',
        port: 587,
        security: 'starttls',
        username: 'alerts',
        password: SMTP_PASSWORD,
        from: 'hm@example.test',
        to: ['ops@example.test'],
      },
    })
    expect(mail.config).toMatchObject({ type: 'email', username: 'alerts', hasPassword: true })
    expect(mail.config).not.toHaveProperty('password')

    // A change without the secrets keeps them: the test still reaches the URL, signed as before.
    const renamed = await admin.patch(`/api/alerts/channels/${webhook.id}`, {
      name: 'signed webhook 2',
      config: { type: 'webhook' },
    })
    bodies.push(await renamed.clone().text())
    expect(renamed.status).toBe(200)
    const test = await admin.post(`/api/alerts/channels/${webhook.id}/test`)
    const result = (await test.json()) as AlertChannelTestResult
    expect(result).toMatchObject({ ok: true, answer: 'HTTP 200: ok' })
    const [got] = receiver.on(`/hook/${TOKEN}`)
    if (!got) throw new Error('the test notice did not arrive')
    const signature = createHmac('sha256', HMAC_SECRET).update(got.rawBody).digest('hex')
    expect(got.headers['x-harbormaster-signature']).toBe(`sha256=${signature}`)
    expect(JSON.parse(got.rawBody)).toMatchObject({ event: 'test', notice: { severity: 'info' } })

    const list = await admin.get('/api/alerts/channels')
    const listed = await list.text()
    expect((JSON.parse(listed) as AlertChannelList).channels.map((c) => c.name)).toEqual([
      'mail',
      'phone',
      'signed webhook 2',
    ])
    for (const text of [...bodies, listed]) expectNoSecret(text)
    const audit = fast
      .audit()
      .filter((entry) => entry.action.startsWith('alert-channel.') && entry.status < 400)
    expect(audit.map((entry) => entry.action)).toEqual([
      'alert-channel.test',
      'alert-channel.update',
      'alert-channel.create',
      'alert-channel.create',
      'alert-channel.create',
    ])
    expect(audit[1]?.parameters).toEqual({ name: 'signed webhook 2', type: 'webhook', set: [] })
    expect(audit[4]?.parameters).toMatchObject({ type: 'webhook', set: ['url', 'secret'] })
    expectNoSecret(JSON.stringify(audit))
  })

  it('refuses a password over plain SMTP, a change of type, and a taken name', async () => {
    const admin = await fast.as('admin')
    const plain = await admin.post('/api/alerts/channels', {
      name: 'plain mail',
      config: {
        type: 'email',
        host: 'relay.example.test',
        port: 25,
        security: 'none',
        username: 'u',
        password: SMTP_PASSWORD,
        from: 'hm@example.test',
        to: ['ops@example.test'],
      },
    })
    await expectApiError(plain, 400, 'invalid_request', /config\.security/)
    const res = await admin.post('/api/alerts/channels', {
      name: 'chat',
      config: { type: 'slack', url: `${receiver.url}/slack` },
    })
    const { channel } = (await res.json()) as AlertChannelResponse
    const retyped = await admin.patch(`/api/alerts/channels/${channel.id}`, {
      config: { type: 'discord' },
    })
    await expectApiError(retyped, 400, 'invalid_request', /cannot become discord/)
    const again = await admin.post('/api/alerts/channels', {
      name: 'chat',
      config: { type: 'discord', url: `${receiver.url}/discord` },
    })
    await expectApiError(again, 409, 'conflict')
    const badUrl = await admin.post('/api/alerts/channels', {
      name: 'files',
      config: { type: 'slack', url: 'file:///etc/passwd' },
    })
    await expectApiError(badUrl, 400, 'invalid_request', /config\.url/)
  })

  it('shows a channel’s delivery log to admins, and a failed test’s answer', async () => {
    const admin = await fast.as('admin')
    receiver.answer(`/log/${TOKEN}`, [500], `upstream said no to ${TOKEN}`)
    const res = await admin.post('/api/alerts/channels', {
      name: 'logged',
      config: { type: 'discord', url: `${receiver.url}/log/${TOKEN}` },
    })
    const { channel } = (await res.json()) as AlertChannelResponse
    fast.services.alertDelivery.dispatch(notice, [channel.id])
    await vi.waitFor(async () => {
      const log = await admin.get(`/api/alerts/channels/${channel.id}/deliveries`)
      const { deliveries } = (await log.json()) as AlertDeliveryList
      expect(deliveries).toMatchObject([
        { noticeId: 'alert-9', title: 'prod is unreachable', status: 'pending', attempts: 1 },
      ])
      // The receiver's answer is kept; a secret it echoes is not.
      expect(deliveries[0]?.lastError).toBe('HTTP 500: upstream said no to [redacted]')
    })
    const operator = await fast.as('operator')
    const refused = await operator.get(`/api/alerts/channels/${channel.id}/deliveries`)
    await expectApiError(refused, 403, 'forbidden')

    const removed = await admin.request('DELETE', `/api/alerts/channels/${channel.id}`)
    expect(removed.status).toBe(204)
    const gone = await admin.post(`/api/alerts/channels/${channel.id}/test`)
    await expectApiError(gone, 404, 'not_found')
  })
})
