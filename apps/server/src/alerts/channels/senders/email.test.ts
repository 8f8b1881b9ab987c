import type { AlertNotice } from '@harbormaster/contract'
import type { SMTPServerOptions } from 'smtp-server'
import { afterAll, describe, expect, it } from 'vitest'
import {
  SMTP_CERT,
  SMTP_LOGIN,
  type SmtpReceiver,
  startSmtpReceiver,
} from '../../../../test/smtp-receiver.ts'
import { send } from './index.ts'

const cert = SMTP_CERT
const servers: SmtpReceiver[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

/** A real SMTP server (smtp-server) on a free port: STARTTLS with the test certificate, AUTH. */
async function smtpServer(options: SMTPServerOptions = {}) {
  const server = await startSmtpReceiver(options)
  servers.push(server)
  return server
}

const notice: AlertNotice = {
  id: 'alert-1',
  kind: 'container.oom',
  state: 'firing',
  severity: 'warning',
  title: 'db-1 was killed for want of memory on prod',
  body: 'The kernel killed db-1 (limit 512 MiB).',
  ruleId: 'rule-2',
  ruleName: 'Out of memory',
  hostId: 'local',
  hostName: 'prod',
  at: '2026-12-07T06:00:00.000Z',
  url: 'http://harbormaster.test/hosts/local/containers/db1',
}

const email = (port: number) => ({
  type: 'email' as const,
  host: '127.0.0.1',
  port,
  security: 'starttls' as const,
  username: SMTP_LOGIN.username,
  password: SMTP_LOGIN.password,
  from: 'harbormaster@example.test',
  to: ['ops@example.test', 'oncall@example.test'],
  caCertificate: cert,
})
const out = { event: 'alert' as const, deliveryId: 'd-1', attempt: 1, notice, timeoutMs: 5000 }

describe('e-mail channel', () => {
  it('sends over STARTTLS with AUTH, and the server receives the notice', async () => {
    const server = await smtpServer()
    const outcome = await send(email(server.port), out)
    expect(outcome.ok, outcome.answer).toBe(true)
    expect(outcome.answer).toMatch(/^250 /)
    expect(server.delivered).toHaveLength(1)
    const [got] = server.delivered
    expect(got?.secure).toBe(true)
    expect(got?.user).toBe('alerts')
    expect(got?.mail.subject).toBe('[warning] db-1 was killed for want of memory on prod')
    expect(got?.mail.from?.text).toBe('harbormaster@example.test')
    expect(got?.mail.to).toMatchObject({ text: 'ops@example.test, oncall@example.test' })
    expect(got?.mail.text).toContain(notice.body)
    expect(got?.mail.text).toContain(notice.url)
    expect(got?.mail.headers.get('x-harbormaster-delivery')).toBe('d-1')
  })

  it('refuses to send when the server offers no STARTTLS, so the password never goes in clear', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true })
    const outcome = await send(email(server.port), out)
    expect(outcome.ok).toBe(false)
    expect(outcome.answer).toMatch(/STARTTLS/i)
    expect(outcome.answer).not.toContain('smtp-pass-1')
    expect(server.delivered).toHaveLength(0)
  })

  it('reports a wrong password as the server’s answer, without the password', async () => {
    const server = await smtpServer()
    const outcome = await send({ ...email(server.port), password: 'wrong-pass-9' }, out)
    expect(outcome.ok).toBe(false)
    expect(outcome.answer).toMatch(/535|Invalid username or password/)
    expect(outcome.answer).not.toContain('wrong-pass-9')
    expect(server.delivered).toHaveLength(0)
  })

  it('fails on a certificate it was not told to trust', async () => {
    const server = await smtpServer()
    const untrusting = { ...email(server.port), caCertificate: undefined }
    const outcome = await send(untrusting, out)
    expect(outcome.ok).toBe(false)
    expect(outcome.answer).toMatch(/certificate/i)
  })
})
