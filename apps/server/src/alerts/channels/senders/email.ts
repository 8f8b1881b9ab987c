import type { AlertChannelConfigInput } from '@harbormaster/contract'
import { type Outgoing, type SendOutcome, headline, provenance } from './outgoing.ts'

type EmailConfig = Extract<AlertChannelConfigInput, { type: 'email' }>

/**
 * E-mail over SMTP with nodemailer: `tls` connects with TLS (465), `starttls` requires the
 * upgrade and fails without it (587), `none` sends in the clear and never upgrades (a local
 * relay; the API refuses a password with it). A connection per message: alerts are rare.
 */
export async function sendEmail(config: EmailConfig, out: Outgoing): Promise<SendOutcome> {
  // Loaded on the first e-mail: nodemailer is a few MB of idle memory most servers never use.
  const { createTransport } = await import('nodemailer')
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    ...(config.username ? { auth: { user: config.username, pass: config.password ?? '' } } : {}),
    ...(config.caCertificate ? { tls: { ca: config.caCertificate } } : {}),
    connectionTimeout: out.timeoutMs,
    greetingTimeout: out.timeoutMs,
    socketTimeout: out.timeoutMs,
  })
  try {
    const { notice } = out
    const info = await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: `[${notice.state === 'resolved' ? 'resolved' : notice.severity}] ${headline(notice)}`,
      text: [notice.body, notice.url ?? '', '', provenance(notice)].join('\n'),
      headers: { 'X-Harbormaster-Delivery': out.deliveryId },
    })
    return { ok: true, answer: info.response }
  } finally {
    transport.close()
  }
}
