import {
  alertChannelListSchema,
  alertChannelResponseSchema,
  alertChannelTestResultSchema,
  alertDeliveryListSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const SECRETS =
  'Secrets (webhook URLs, HMAC secrets, ntfy tokens, SMTP passwords) are write-only: answers ' +
  'say whether one is set and show a URL’s origin only.'

const NO_CHANNEL = 'No channel with that id'

/** Alert channels (issue 19): admins only. */
export const alertChannelDocs: Record<string, RouteDoc> = {
  'GET /api/alerts/channels': {
    summary: 'List alert channels',
    description: SECRETS,
    ok: { 200: json(alertChannelListSchema, 'The channels') },
  },
  'POST /api/alerts/channels': {
    summary: 'Create an alert channel (webhook, ntfy, Slack, Discord or e-mail)',
    description: SECRETS,
    ok: { 201: json(alertChannelResponseSchema, 'The channel') },
    errors: { 409: 'A channel of that name exists' },
  },
  'PATCH /api/alerts/channels/:id': {
    summary: 'Change an alert channel',
    description: `A secret left out keeps the stored one. ${SECRETS}`,
    ok: { 200: json(alertChannelResponseSchema, 'The channel') },
    errors: { 404: NO_CHANNEL, 409: 'A channel of that name exists' },
  },
  'DELETE /api/alerts/channels/:id': {
    summary: 'Delete an alert channel and its queued deliveries, and take it out of every rule',
    ok: { 204: done('Deleted') },
    errors: { 404: NO_CHANNEL },
  },
  'POST /api/alerts/channels/:id/test': {
    summary: 'Send a test notice through a channel and report the receiver’s answer',
    description: 'One attempt, now: no retries, quiet hours do not apply.',
    ok: { 200: json(alertChannelTestResultSchema, 'How the receiver answered') },
    errors: { 404: NO_CHANNEL },
  },
  'GET /api/alerts/channels/:id/deliveries': {
    summary: 'A channel’s delivery log, newest first',
    ok: { 200: json(alertDeliveryListSchema, 'The deliveries') },
    errors: { 404: NO_CHANNEL },
  },
}
