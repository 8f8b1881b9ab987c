import {
  type AlertChannelConfigInput,
  type AlertChannelList,
  type AlertChannelResponse,
  type AlertChannelTestResult,
  type AlertDeliveryList,
  createAlertChannelRequestSchema,
  idParamsSchema,
  updateAlertChannelRequestSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env.ts'
import { audited } from '../../audit/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { requireAction } from '../../policy/index.ts'
import { ChannelStore, notFound } from './channel-store.ts'
import { toAlertChannel, toAlertDelivery } from './presenters.ts'

const idOf = (c: Context<AppEnv>) => c.req.param('id')

export const deliveryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/**
 * Mounted at /api/alerts/channels; admins only. Answers and audit rows carry no secret: the
 * audit records which secret fields a change set, never their values.
 */
export const alertChannelRoutes = new Hono<AppEnv>()
  .get('/', requireAction('alert-channels.manage'), (c) => {
    const channels = new ChannelStore(c.var.db).list().map(toAlertChannel)
    return c.json<AlertChannelList>({ channels }, 200)
  })
  .post(
    '/',
    audited('alert-channel.create'),
    requireAction('alert-channels.manage'),
    validate('json', createAlertChannelRequestSchema),
    (c) => {
      const { config, ...rest } = c.req.valid('json')
      c.set('auditDetails', { target: rest.name, parameters: { ...rest, type: config.type } })
      checkConfig(config)
      const channel = new ChannelStore(c.var.db).create({ ...rest, config })
      c.set('auditDetails', {
        target: channel.id,
        parameters: { ...rest, type: config.type, set: secretFieldsGiven(config) },
      })
      return c.json<AlertChannelResponse>({ channel: toAlertChannel(channel) }, 201)
    },
  )
  .patch(
    '/:id',
    audited('alert-channel.update', idOf),
    requireAction('alert-channels.manage'),
    validate('param', idParamsSchema),
    validate('json', updateAlertChannelRequestSchema),
    (c) => {
      const { config, ...rest } = c.req.valid('json')
      c.set('auditDetails', {
        parameters: {
          ...rest,
          ...(config && { type: config.type, set: secretFieldsGiven(config) }),
        },
      })
      const id = c.req.valid('param').id
      const store = new ChannelStore(c.var.db)
      const channel = store.update(id, { ...rest, config }, checkConfig)
      c.var.alertDelivery.channelChanged(id)
      return c.json<AlertChannelResponse>({ channel: toAlertChannel(channel) }, 200)
    },
  )
  .delete(
    '/:id',
    audited('alert-channel.delete', idOf),
    requireAction('alert-channels.manage'),
    validate('param', idParamsSchema),
    (c) => {
      const id = c.req.valid('param').id
      const db = c.var.db
      // One transaction: no rule is left naming a channel that is gone, nor loses one that stays.
      const rulesChanged = db.transaction(() => {
        new ChannelStore(db).delete(id)
        return c.var.alerts.rules.dropChannel(id)
      })()
      c.set('auditDetails', { parameters: { rulesChanged } })
      if (rulesChanged.length > 0) c.var.alerts.rulesChanged()
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/test',
    audited('alert-channel.test', idOf),
    requireAction('alert-channels.manage'),
    validate('param', idParamsSchema),
    async (c) => {
      const id = c.req.valid('param').id
      const channel = new ChannelStore(c.var.db).get(id)
      if (!channel) throw notFound(id)
      const result = await c.var.alertDelivery.sendTest(channel)
      c.set('auditDetails', { parameters: { ok: result.ok } })
      return c.json<AlertChannelTestResult>(result, 200)
    },
  )
  .get(
    '/:id/deliveries',
    requireAction('alert-channels.manage'),
    validate('param', idParamsSchema),
    validate('query', deliveryQuerySchema),
    (c) => {
      const id = c.req.valid('param').id
      if (!new ChannelStore(c.var.db).get(id)) throw notFound(id)
      const records = c.var.alertDelivery.deliveries(id, c.req.valid('query').limit)
      return c.json<AlertDeliveryList>({ deliveries: records.map(toAlertDelivery) }, 200)
    },
  )

/** What the schema cannot say alone: a password is never sent over an unencrypted connection. */
function checkConfig(config: AlertChannelConfigInput): void {
  if (config.type === 'email' && config.security === 'none' && config.password !== undefined) {
    throw new ApiError(
      400,
      'invalid_request',
      'config.security: a password is sent only over TLS or STARTTLS, not with none',
    )
  }
}

/** The names of the secret fields a request sets, for the audit: which, never what. */
function secretFieldsGiven(config: object): string[] {
  const secret = new Set(['url', 'secret', 'token', 'password'])
  return Object.keys(config).filter((key) => secret.has(key))
}
