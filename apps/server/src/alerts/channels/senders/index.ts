import type { AlertChannelConfigInput } from '@harbormaster/contract'
import { sendDiscord } from './discord.ts'
import { sendEmail } from './email.ts'
import { sendNtfy } from './ntfy.ts'
import type { Outgoing, SendOutcome } from './outgoing.ts'
import { sendSlack } from './slack.ts'
import { sendWebhook } from './webhook.ts'

export type { Outgoing, SendOutcome } from './outgoing.ts'

/**
 * One attempt through a channel. Never throws: a failure is an outcome, whose text has every
 * secret of the channel blanked, since transport errors may quote the URL they failed on.
 */
export async function send(config: AlertChannelConfigInput, out: Outgoing): Promise<SendOutcome> {
  try {
    return await sendBy(config, out)
  } catch (err) {
    return { ok: false, answer: scrub(describe(err), config) }
  }
}

function sendBy(config: AlertChannelConfigInput, out: Outgoing): Promise<SendOutcome> {
  switch (config.type) {
    case 'webhook':
      return sendWebhook(config, out)
    case 'ntfy':
      return sendNtfy(config, out)
    case 'slack':
      return sendSlack(config, out)
    case 'discord':
      return sendDiscord(config, out)
    case 'email':
      return sendEmail(config, out)
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out'
  const code = (err as { code?: unknown }).code
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
  return `${typeof code === 'string' ? `${code}: ` : ''}${err.message}${cause}`.slice(0, 500)
}

function scrub(text: string, config: AlertChannelConfigInput): string {
  const secrets = Object.entries(config)
    .filter(([key, value]) => typeof value === 'string' && SECRETISH.has(key) && value.length > 0)
    .map(([, value]) => value as string)
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}

const SECRETISH = new Set(['url', 'secret', 'token', 'password'])
