import { z } from 'zod'
import { alertNoticeSchema } from './alert-notice.ts'

/**
 * Alert channels (issue 19): where notices go. Admins only. Every secret (a webhook URL, which
 * carries its token; an HMAC secret; an ntfy token; an SMTP password) is write-only: a request may
 * set or replace it, an answer only says whether one is set (`hasX`) and, for URLs, their origin.
 */
export const alertChannelTypeSchema = z.enum(['webhook', 'ntfy', 'slack', 'discord', 'email'])
export type AlertChannelType = z.infer<typeof alertChannelTypeSchema>

const httpUrlSchema = z
  .url({ protocol: /^https?$/, message: 'an http:// or https:// URL' })
  .max(2048)
const secretSchema = z.string().min(1).max(4096)
const emailAddressSchema = z.email().max(320)
const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')

/**
 * Hours in which a channel sends nothing. `hold` keeps the deliveries and sends them when the
 * hours end; `drop` records them in the delivery log as dropped and never sends them.
 */
export const quietHoursSchema = z
  .object({
    start: clockTimeSchema,
    end: clockTimeSchema,
    /** IANA name (`Europe/Berlin`); the hours are read on that zone's wall clock. */
    timeZone: z
      .string()
      .max(64)
      .refine(validTimeZone, 'an IANA time zone such as Europe/Berlin or UTC'),
    mode: z.enum(['hold', 'drop']),
  })
  .strict()
  .refine((hours) => hours.start !== hours.end, 'start and end must differ')
export type QuietHours = z.infer<typeof quietHoursSchema>

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const smtpSecuritySchema = z.enum(['tls', 'starttls', 'none'])

// What a request sends per type. On create every required secret must be given; on update an
// omitted secret keeps the stored one (see alertChannelUpdateSchema).
const webhookInput = z
  .object({ type: z.literal('webhook'), url: httpUrlSchema, secret: secretSchema })
  .strict()
const ntfyInput = z
  .object({ type: z.literal('ntfy'), url: httpUrlSchema, token: secretSchema.optional() })
  .strict()
const slackInput = z.object({ type: z.literal('slack'), url: httpUrlSchema }).strict()
const discordInput = z.object({ type: z.literal('discord'), url: httpUrlSchema }).strict()
const emailFields = {
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  /** `tls`: TLS from the first byte (465); `starttls`: upgrade required (587); `none`: plain. */
  security: smtpSecuritySchema,
  username: z.string().min(1).max(320).optional(),
  from: emailAddressSchema,
  to: z.array(emailAddressSchema).min(1).max(20),
  /** PEM of a CA to trust for this server, besides the system's (a private mail relay). */
  caCertificate: z.string().max(16_384).optional(),
}
const emailInput = z
  .object({ type: z.literal('email'), ...emailFields, password: secretSchema.optional() })
  .strict()

export const alertChannelConfigInputSchema = z.discriminatedUnion('type', [
  webhookInput,
  ntfyInput,
  slackInput,
  discordInput,
  emailInput,
])
export type AlertChannelConfigInput = z.infer<typeof alertChannelConfigInputSchema>

/** The same, where every secret may be left out to keep the stored one. */
export const alertChannelConfigUpdateSchema = z.discriminatedUnion('type', [
  webhookInput.partial({ url: true, secret: true }),
  ntfyInput.partial({ url: true }),
  slackInput.partial({ url: true }),
  discordInput.partial({ url: true }),
  emailInput,
])
export type AlertChannelConfigUpdate = z.infer<typeof alertChannelConfigUpdateSchema>

const nameSchema = z.string().trim().min(1).max(100)

export const createAlertChannelRequestSchema = z
  .object({
    name: nameSchema,
    enabled: z.boolean().default(true),
    quietHours: quietHoursSchema.optional(),
    config: alertChannelConfigInputSchema,
  })
  .strict()
export type CreateAlertChannelRequest = z.input<typeof createAlertChannelRequestSchema>

/** A channel's type cannot change; `quietHours: null` removes them. */
export const updateAlertChannelRequestSchema = z
  .object({
    name: nameSchema.optional(),
    enabled: z.boolean().optional(),
    quietHours: quietHoursSchema.nullable().optional(),
    config: alertChannelConfigUpdateSchema.optional(),
  })
  .strict()
export type UpdateAlertChannelRequest = z.input<typeof updateAlertChannelRequestSchema>

/** A URL as answers show it: its origin only, since the path and query carry the token. */
const targetSchema = z.string()

export const alertChannelConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('webhook'),
    target: targetSchema,
    hasUrl: z.boolean(),
    hasSecret: z.boolean(),
  }),
  z.object({
    type: z.literal('ntfy'),
    target: targetSchema,
    hasUrl: z.boolean(),
    hasToken: z.boolean(),
  }),
  z.object({ type: z.literal('slack'), target: targetSchema, hasUrl: z.boolean() }),
  z.object({ type: z.literal('discord'), target: targetSchema, hasUrl: z.boolean() }),
  z.object({ type: z.literal('email'), ...emailFields, hasPassword: z.boolean() }),
])
export type AlertChannelConfig = z.infer<typeof alertChannelConfigSchema>

export const alertChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  quietHours: quietHoursSchema.nullable(),
  config: alertChannelConfigSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type AlertChannel = z.infer<typeof alertChannelSchema>

export const alertChannelListSchema = z.object({ channels: z.array(alertChannelSchema) })
export type AlertChannelList = z.infer<typeof alertChannelListSchema>

export const alertChannelResponseSchema = z.object({ channel: alertChannelSchema })
export type AlertChannelResponse = z.infer<typeof alertChannelResponseSchema>

/**
 * One delivery of a notice to a channel. `pending`: waiting for its (next) attempt; `held`: in
 * the channel's quiet hours; `sent`: the receiver accepted it; `failed`: every attempt failed;
 * `dropped`: quiet hours in `drop` mode.
 */
export const alertDeliveryStatusSchema = z.enum(['pending', 'held', 'sent', 'failed', 'dropped'])
export type AlertDeliveryStatus = z.infer<typeof alertDeliveryStatusSchema>

export const alertDeliverySchema = z.object({
  id: z.string(),
  channelId: z.string(),
  noticeId: z.string(),
  title: z.string(),
  status: alertDeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** How the last attempt ended: `HTTP 500: ...`, an SMTP reply, a timeout. */
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** When a pending or held delivery is next tried. */
  nextAttemptAt: z.iso.datetime().nullable(),
})
export type AlertDelivery = z.infer<typeof alertDeliverySchema>

export const alertDeliveryListSchema = z.object({ deliveries: z.array(alertDeliverySchema) })
export type AlertDeliveryList = z.infer<typeof alertDeliveryListSchema>

/** What "send a test" reports: the receiver's answer, one attempt, no retries, no quiet hours. */
export const alertChannelTestResultSchema = z.object({
  ok: z.boolean(),
  /** `HTTP 200: ok`, `250 2.0.0 Ok: queued`, or why it failed. */
  answer: z.string(),
  durationMs: z.number().int().nonnegative(),
})
export type AlertChannelTestResult = z.infer<typeof alertChannelTestResultSchema>

/**
 * The generic webhook's JSON body (version 1). Signed as sent: `X-Harbormaster-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body, keyed with the channel's secret>`. `sentAt` is inside
 * the signed body: a receiver refuses bodies older than a few minutes and remembers
 * `deliveryId`+`attempt` pairs for that long to refuse replays.
 */
export const alertWebhookBodySchema = z.object({
  version: z.literal(1),
  event: z.enum(['alert', 'test']),
  /** The same across retries of one delivery. */
  deliveryId: z.string(),
  attempt: z.number().int().positive(),
  sentAt: z.iso.datetime(),
  notice: alertNoticeSchema,
})
export type AlertWebhookBody = z.infer<typeof alertWebhookBodySchema>
