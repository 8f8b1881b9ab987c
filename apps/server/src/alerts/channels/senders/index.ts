import type { AlertChannelConfigInput } from '@harbormaster/contract'
import { sendDiscord } from './discord.ts'
import { sendEmail } from './email.ts'
import { sendNtfy } from './ntfy.ts'
import type { Outgoing, SendOutcome } from './outgoing.ts'
import { sendSlack } from './slack.ts'
import { sendWebhook } from './webhook.ts'

export type { Outgoing, SendOutcome } from './outgoing.ts'

/**
 * One attempt through a channel. Never throws: a failure is an outcome. The answer has every
 * secret of the channel blanked, since transport errors quote the URL they failed on and a
 * receiver may echo its path (where the token is) in an error page.
 */
export async function send(config: AlertChannelConfigInput, out: Outgoing): Promise<SendOutcome> {
  let outcome: SendOutcome
  try {
    outcome = await sendBy(config, out)
  } catch (err) {
    outcome = { ok: false, answer: describe(err) }
  }
  return { ...outcome, answer: scrub(outcome.answer, secretsOf(config)) }
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

/** A part of a URL this long may be a token (Slack's, Discord's, an ntfy topic). */
const TOKEN_LIKE = 12

/** The channel's secrets, and every token-like part of its URL, longest first. */
export function secretsOf(config: AlertChannelConfigInput): string[] {
  const found = new Set<string>()
  for (const key of ['secret', 'token', 'password'] as const) {
    const value = (config as Partial<Record<typeof key, string>>)[key]
    if (value) found.add(value)
  }
  if ('url' in config && config.url) {
    found.add(config.url)
    const url = new URL(config.url)
    found.add(url.pathname + url.search)
    if (url.password) found.add(url.password)
    const parts = [...url.pathname.split('/'), ...url.searchParams.values()]
    for (const part of parts) if (part.length >= TOKEN_LIKE) found.add(part)
  }
  return [...found].filter((s) => s.length > 1).sort((a, b) => b.length - a.length)
}

function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}
