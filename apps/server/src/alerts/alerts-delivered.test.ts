import { createHmac } from 'node:crypto'
import {
  type AlertChannelResponse,
  type AlertDeliveryList,
  type AlertNotice,
  type AlertRuleInput,
  type AlertRuleResponse,
  type AlertWebhookBody,
  alertWebhookBodySchema,
} from '@harbormaster/contract'
import { type PrivateEngine, docker, scaled, startPrivateEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Received, startAlertReceiver } from '../../test/alert-receiver.ts'
import type { ApiClient } from '../../test/api-client.ts'
import { startHarness } from '../../test/harness.ts'
import {
  SMTP_CERT,
  SMTP_LOGIN,
  type SmtpReceiver,
  startSmtpReceiver,
} from '../../test/smtp-receiver.ts'

/**
 * The whole path, nothing recorded in between: real engine events → the rules → the server's own
 * channel delivery (queue, retries, log) → a webhook receiver and a real SMTP server in the test.
 * Every case's container runs at once in beforeAll; each test then waits for its own deliveries.
 */
/** Doubles a string until the memory limit stops it. */
const MEMORY_HOG = 'x=a; while :; do x=$x$x; done'

describe('alerts delivered from real events to a webhook and an e-mail inbox', () => {
  // First retry after 0.5–1 s instead of 15–30 s: the failing receiver's case stays quick.
  const h = startHarness({ env: { HARBORMASTER_ALERT_RETRY_SECONDS: '1' } })
  const receiver = startAlertReceiver()
  const SECRET = 'e2e-hmac-secret-51'
  const CASE = 'io.harbormaster.test.alert-case'
  const names = {
    exit: h.uniqueName('exit3'),
    oom: h.uniqueName('oom'),
    unhealthy: h.uniqueName('unhealthy'),
    loop: h.uniqueName('loop'),
  }
  let admin: ApiClient
  let smtp: SmtpReceiver
  let second: PrivateEngine | undefined
  const channel = { hook: '', mail: '', flaky: '' }

  /** The signed webhook bodies received on a path, each checked against the channel's secret. */
  const hooks = (path = '/hook'): AlertWebhookBody[] =>
    receiver.on(path).map((got) => {
      expectSigned(got, SECRET)
      return alertWebhookBodySchema.parse(JSON.parse(got.rawBody))
    })
  const hooksAbout = (subject: string) =>
    hooks().filter((body) => body.notice.subject?.name === subject)
  const mailsAbout = (subject: string) =>
    smtp.delivered.filter((got) => got.mail.subject?.includes(`${subject} `) === true)
  const waitFor = (check: () => void, timeout = 30_000) =>
    vi.waitFor(check, { timeout: scaled(timeout), interval: 100 })

  const caseArgs = (name: string) => [
    '--name',
    name,
    ...Object.entries({ ...h.labels, [CASE]: `${h.runId}-${name}` }).flatMap(([k, v]) => [
      '--label',
      `${k}=${v}`,
    ]),
  ]
  const run = (name: string, ...args: string[]) =>
    docker(h.dockerHost, ['run', '-d', ...caseArgs(name), ...args])

  async function createChannel(name: string, config: unknown): Promise<string> {
    const res = await admin.post('/api/alerts/channels', { name, config })
    expect(res.status, await res.clone().text()).toBe(201)
    return ((await res.json()) as AlertChannelResponse).channel.id
  }
  async function createRule(rule: AlertRuleInput): Promise<string> {
    const res = await admin.post('/api/alert-rules', rule)
    expect(res.status, await res.clone().text()).toBe(201)
    return ((await res.json()) as AlertRuleResponse).rule.id
  }
  const forCase = (name: string) =>
    ({ type: 'labels', selector: `${CASE}=${h.runId}-${name}` }) as const

  beforeAll(async () => {
    const engine = startPrivateEngine({ name: 'alerts-delivered' })
    smtp = await startSmtpReceiver()
    admin = await h.as('admin')
    receiver.answer('/flaky', [500, 500, 500])
    channel.hook = await createChannel('hook', {
      type: 'webhook',
      url: `${receiver.url}/hook`,
      secret: SECRET,
    })
    channel.mail = await createChannel('mail', {
      type: 'email',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'starttls',
      ...SMTP_LOGIN,
      from: 'harbormaster@example.test',
      to: ['ops@example.test'],
      caCertificate: SMTP_CERT,
    })
    channel.flaky = await createChannel('flaky', {
      type: 'webhook',
      url: `${receiver.url}/flaky`,
      secret: SECRET,
    })
    const both = [channel.hook, channel.mail]
    await createRule({
      name: 'Exits',
      kind: 'container.exit',
      params: {},
      scope: forCase(names.exit),
      channelIds: [...both, channel.flaky],
    })
    await createRule({
      name: 'OOM',
      kind: 'container.oom',
      params: {},
      scope: forCase(names.oom),
      channelIds: both,
    })
    await createRule({
      name: 'Unhealthy',
      kind: 'container.unhealthy',
      params: {},
      scope: forCase(names.unhealthy),
      channelIds: both,
    })
    await createRule({
      name: 'Loops',
      kind: 'container.restart-loop',
      params: { restarts: 3, windowMinutes: 5 },
      scope: forCase(names.loop),
      channelIds: both,
    })
    await createRule({
      name: 'Host down',
      kind: 'host.down',
      params: { afterSeconds: 1 },
      scope: { type: 'hosts', hostIds: ['down'] },
      channelIds: both,
    })

    await Promise.all([
      run(names.exit, h.fixtureImage, 'sh', '-c', 'exit 3'),
      // The memory hog is exec'd once `docker run -d` has returned: containerd's shim starts
      // watching the cgroup's memory.events (where the `oom` event comes from) only after the
      // task has started, and a hog in the container's own command could be killed before that
      // under load, the OOM then told by nobody. The kernel kills the hog, the biggest process
      // of the limited cgroup, and the container lives on (no cgroup torn down with the event).
      run(names.oom, '--memory', '8m', '--memory-swap', '8m', h.fixtureImage, 'sleep', '3600').then(
        () => docker(h.dockerHost, ['exec', '-d', names.oom, 'sh', '-c', MEMORY_HOG]),
      ),
      run(
        names.unhealthy,
        '--health-cmd',
        'test -f /tmp/ok',
        '--health-interval',
        '1s',
        '--health-retries',
        '1',
        h.fixtureImage,
        'sleep',
        '3600',
      ),
      run(names.loop, '--restart', 'always', h.fixtureImage, 'sh', '-c', 'exit 1'),
      engine.then(async (started) => {
        second = started
        const added = await admin.post('/api/hosts', {
          id: 'down',
          name: 'Down',
          address: started.dockerHost,
        })
        expect(added.status, await added.clone().text()).toBe(201)
        await vi.waitFor(
          () => {
            expect(h.server.services.hosts.get('down')?.events.connected).toBe(true)
          },
          { timeout: scaled(30_000), interval: 100 },
        )
        await started.stopDaemon()
      }),
    ])
  })
  afterAll(async () => {
    await smtp.close()
    await second?.stop()
  })

  it('a receiver that answers 500 is retried, and the delivery log shows the failures, then the sending', async () => {
    const seen: AlertDeliveryList['deliveries'][number][] = []
    const log = async () => {
      const res = await admin.get(`/api/alerts/channels/${channel.flaky}/deliveries`)
      expect(res.status, await res.clone().text()).toBe(200)
      const { deliveries } = (await res.json()) as AlertDeliveryList
      seen.push(...deliveries)
      return deliveries
    }

    // Three failures with 0.5–1, 1–2 and 2–4 s between them: seconds to see it being retried.
    await expect
      .poll(async () => (await log()).map((d) => [d.status, d.lastError]), {
        timeout: scaled(30_000),
      })
      .toContainEqual(['pending', 'HTTP 500: receiver says no'])
    await expect
      .poll(async () => (await log()).map((d) => d.status), { timeout: scaled(30_000) })
      .toEqual(['sent'])
    expect(seen).toContainEqual(
      expect.objectContaining({
        status: 'pending',
        lastError: 'HTTP 500: receiver says no',
        nextAttemptAt: expect.any(String),
      }),
    )
    const [sent] = await log()
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 4,
      lastError: null,
      title: `${names.exit} exited with code 3 on local`,
    })
    // One delivery, tried four times: the same id, numbered attempts, each signed.
    const tries = hooks('/flaky')
    expect(tries.map((body) => [body.deliveryId, body.attempt])).toEqual([
      [sent?.id, 1],
      [sent?.id, 2],
      [sent?.id, 3],
      [sent?.id, 4],
    ])
  })

  it('a container that exits 3: one signed webhook and one e-mail', async () => {
    const name = names.exit
    await waitFor(() => {
      expect(hooksAbout(name)).toHaveLength(1)
      expect(mailsAbout(name)).toHaveLength(1)
    })
    const [body] = hooksAbout(name)
    expect(body).toMatchObject({
      version: 1,
      event: 'alert',
      attempt: 1,
      notice: {
        kind: 'container.exit',
        state: 'firing',
        severity: 'warning',
        ruleName: 'Exits',
        title: `${name} exited with code 3 on local`,
        hostId: 'local',
        subject: { type: 'container', name },
      },
    })
    expectMail(mailsAbout(name), `[warning] ${name} exited with code 3 on local`, body?.notice)
  })

  it('a container whose process is OOM-killed by its memory limit: one signed webhook and one e-mail', async () => {
    const name = names.oom
    await waitFor(() => {
      expect(hooksAbout(name)).toHaveLength(1)
      expect(mailsAbout(name)).toHaveLength(1)
    })
    const [body] = hooksAbout(name)
    expect(body?.notice).toMatchObject({
      kind: 'container.oom',
      state: 'firing',
      severity: 'critical',
      title: `${name} was killed: out of memory on local`,
    })
    expectMail(
      mailsAbout(name),
      `[critical] ${name} was killed: out of memory on local`,
      body?.notice,
    )
  })

  it('a container going unhealthy: one webhook and one e-mail, then one of each for healthy again', async () => {
    const name = names.unhealthy
    await waitFor(() => {
      expect(hooksAbout(name)).toHaveLength(1)
      expect(mailsAbout(name)).toHaveLength(1)
    })
    const [firing] = hooksAbout(name)
    expect(firing?.notice).toMatchObject({
      kind: 'container.unhealthy',
      state: 'firing',
      title: `${name} is unhealthy on local`,
    })
    expectMail(mailsAbout(name), `[warning] ${name} is unhealthy on local`, firing?.notice)

    await docker(h.dockerHost, ['exec', name, 'touch', '/tmp/ok'])

    await waitFor(() => {
      expect(hooksAbout(name)).toHaveLength(2)
      expect(mailsAbout(name)).toHaveLength(2)
    })
    const resolved = hooksAbout(name)[1]
    expect(resolved?.notice).toMatchObject({
      id: firing?.notice.id,
      state: 'resolved',
      title: `${name} is healthy again on local`,
    })
    expectMail(
      mailsAbout(name).slice(1),
      `[resolved] Resolved: ${name} is healthy again on local`,
      resolved?.notice,
    )
  })

  it('a restart loop: one webhook and one e-mail, however often it dies', async () => {
    const name = names.loop
    await waitFor(() => {
      expect(hooksAbout(name)).toHaveLength(1)
      expect(mailsAbout(name)).toHaveLength(1)
    })
    const [body] = hooksAbout(name)
    expect(body?.notice).toMatchObject({
      kind: 'container.restart-loop',
      severity: 'critical',
      title: `${name} is restarting in a loop on local`,
    })
    expectMail(
      mailsAbout(name),
      `[critical] ${name} is restarting in a loop on local`,
      body?.notice,
    )
    const restarts = async () =>
      Number((await docker(h.dockerHost, ['inspect', '-f', '{{.RestartCount}}', name])).stdout)
    await expect.poll(restarts, { timeout: scaled(30_000) }).toBeGreaterThanOrEqual(6)
    // The deaths after the third are inside the rule's window: no second delivery.
    await drained()
    expect(hooksAbout(name)).toHaveLength(1)
    expect(mailsAbout(name)).toHaveLength(1)
    await docker(h.dockerHost, ['rm', '-f', name])
  })

  it('a host whose engine is stopped: one webhook and one e-mail, and one of each when it is back', async () => {
    const aboutDown = () => hooks().filter((body) => body.notice.hostId === 'down')
    const mailsDown = () => mailsAbout('Down')
    await waitFor(() => {
      expect(aboutDown()).toHaveLength(1)
      expect(mailsDown()).toHaveLength(1)
    })
    const [down] = aboutDown()
    expect(down?.notice).toMatchObject({
      kind: 'host.down',
      state: 'firing',
      severity: 'critical',
      subject: { type: 'host', id: 'down', name: 'Down' },
    })
    expect(down?.notice.title).toMatch(/^Down is unreachable since \d{4}-/)
    expectMail(mailsDown(), `[critical] ${down?.notice.title ?? ''}`, down?.notice)

    if (!second) throw new Error('the second engine did not start')
    await second.startDaemon()

    await waitFor(() => {
      expect(aboutDown()).toHaveLength(2)
      expect(mailsDown()).toHaveLength(2)
    }, 40_000)
    const back = aboutDown()[1]
    expect(back?.notice).toMatchObject({
      id: down?.notice.id,
      state: 'resolved',
      title: 'Down is back',
    })
    expectMail(mailsDown().slice(1), '[resolved] Resolved: Down is back', back?.notice)
  })

  it('delivered each notice once: nothing more came, nothing is left queued', async () => {
    await drained()
    const firing = (subject: string) =>
      hooksAbout(subject).filter((body) => body.notice.state === 'firing')
    for (const name of Object.values(names)) expect(firing(name), name).toHaveLength(1)
    const ids = hooks().map((body) => body.deliveryId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  /** Every channel's log has nothing pending: what was dispatched has been sent. */
  async function drained() {
    await expect
      .poll(
        async () => {
          const statuses = await Promise.all(
            [channel.hook, channel.mail, channel.flaky].map(async (id) => {
              const res = await admin.get(`/api/alerts/channels/${id}/deliveries`)
              const { deliveries } = (await res.json()) as AlertDeliveryList
              return deliveries.map((d) => d.status)
            }),
          )
          return statuses.flat().filter((status) => status !== 'sent')
        },
        { timeout: scaled(30_000) },
      )
      .toEqual([])
  }
})

/** The signature header is the channel secret's HMAC-SHA256 over the body exactly as received. */
function expectSigned(got: Received, secret: string) {
  const expected = createHmac('sha256', secret).update(got.rawBody).digest('hex')
  expect(got.headers['x-harbormaster-signature']).toBe(`sha256=${expected}`)
}

/** One e-mail, with the notice's subject line, body and link. */
function expectMail(
  mails: SmtpReceiver['delivered'],
  subject: string,
  notice: AlertNotice | undefined,
) {
  expect(mails).toHaveLength(1)
  const [got] = mails
  expect(got?.secure).toBe(true)
  expect(got?.user).toBe(SMTP_LOGIN.username)
  expect(got?.mail.subject).toBe(subject)
  expect(got?.mail.to).toMatchObject({ text: 'ops@example.test' })
  expect(got?.mail.text).toContain(notice?.body ?? 'no notice')
  expect(got?.mail.text).toContain(notice?.url ?? 'no url')
}
