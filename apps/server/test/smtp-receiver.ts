import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
/** The test certificate the SMTP servers present (a channel trusts it as `caCertificate`). */
export const SMTP_CERT = fixture('smtp-test-cert.pem')
const SMTP_KEY = fixture('smtp-test-key.pem')
/** The one account the servers accept. */
export const SMTP_LOGIN = { username: 'alerts', password: 'smtp-pass-1' } as const

export interface DeliveredMail {
  mail: ParsedMail
  /** Whether the message came over TLS (STARTTLS done). */
  secure: boolean
  user: unknown
}

export interface SmtpReceiver {
  port: number
  delivered: DeliveredMail[]
  close(): Promise<void>
}

/**
 * A real SMTP server (the `smtp-server` package) on a free port of 127.0.0.1: STARTTLS with the
 * test certificate, AUTH PLAIN/LOGIN for SMTP_LOGIN; every message parsed (mailparser) and kept.
 */
export async function startSmtpReceiver(options: SMTPServerOptions = {}): Promise<SmtpReceiver> {
  const delivered: DeliveredMail[] = []
  const server = new SMTPServer({
    key: SMTP_KEY,
    cert: SMTP_CERT,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_LOGIN.username && auth.password === SMTP_LOGIN.password) {
        callback(null, { user: auth.username })
      } else callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          delivered.push({ mail, secure: session.secure, user: session.user })
          callback()
        })
        .catch(callback)
    },
    ...options,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    delivered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(resolve)
      }),
  }
}
