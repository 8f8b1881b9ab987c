import { createHmac } from 'node:crypto'
import type { AlertWebhookBody } from '@harbormaster/contract'
import { post } from './http-post.ts'
import type { Outgoing, SendOutcome } from './outgoing.ts'

/**
 * The generic webhook: the notice in a versioned envelope (AlertWebhookBody), signed with
 * HMAC-SHA256 over the raw body. The time is inside the signed body (`sentAt`) and repeated in
 * a header for receivers that check it before parsing.
 */
export function sendWebhook(
  config: { url: string; secret: string },
  out: Outgoing,
  now = new Date(),
): Promise<SendOutcome> {
  const envelope: AlertWebhookBody = {
    version: 1,
    event: out.event,
    deliveryId: out.deliveryId,
    attempt: out.attempt,
    sentAt: now.toISOString(),
    notice: out.notice,
  }
  const body = JSON.stringify(envelope)
  const headers = {
    'content-type': 'application/json',
    'x-harbormaster-event': out.event,
    'x-harbormaster-delivery': out.deliveryId,
    'x-harbormaster-timestamp': String(Math.floor(now.getTime() / 1000)),
    'x-harbormaster-signature': `sha256=${signature(config.secret, body)}`,
  }
  return post(config.url, headers, body, out.timeoutMs)
}

export function signature(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')
}
