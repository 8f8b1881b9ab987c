import {
  type AlertList,
  type AlertRuleList,
  type AlertRuleResponse,
  type UnreadAlerts,
  alertListQuerySchema,
  alertRuleInputSchema,
  alertRuleParamsPathSchema,
  markAlertsReadSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { audited } from '../audit/index.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { authorize, inScope, requireAction, requirePrincipal } from '../policy/index.ts'
import type { AlertVisibility } from './alert-store.ts'
import { ChannelStore } from './channels/channel-store.ts'

const idOf = (c: Context<AppEnv>) => c.req.param('id')
const noRule = (id: string) => new ApiError(404, 'not_found', `No alert rule with id ${id}`)

/**
 * A rule sends only to channels that exist: an unknown id is refused by name rather than kept as
 * a rule that silently sends nowhere. (A channel deleted later is taken out of its rules.)
 */
function checkChannels(c: Context<AppEnv>, ids: readonly string[]): void {
  const channels = new ChannelStore(c.var.db)
  const unknown = ids.filter((id) => channels.get(id) === undefined)
  if (unknown.length === 0) return
  const names = unknown.join(', ')
  throw new ApiError(400, 'invalid_request', `channelIds: no alert channel ${names}`)
}

/**
 * What the caller may see: alerts of hosts they may see, and of those only the ones about
 * objects inside their label scope there (host and image alerts are host-wide, as the events
 * socket's host messages and image events are).
 */
export function visibilityFor(c: Context<AppEnv>): AlertVisibility {
  const principal = requirePrincipal(c)
  return (hostId, labels) => {
    const decision = authorize(principal, 'alert.read', hostId)
    return decision.allowed && inScope(decision.grant, labels)
  }
}

/** Mounted at /api/alerts: the caller's alerts list, the bell's count, marking read. */
export const alertRoutes = new Hono<AppEnv>()
  .get('/', requireAction('alert.read'), validate('query', alertListQuerySchema), (c) => {
    const { unread, ...query } = c.req.valid('query')
    const visible = visibilityFor(c)
    const userId = requirePrincipal(c).userId
    const store = c.var.alerts.alerts
    const body: AlertList = {
      alerts: store.list(userId, visible, {
        ...query,
        unread: unread === undefined ? undefined : unread === 'true',
      }),
      unread: store.unreadCount(userId, visible),
    }
    return c.json(body, 200)
  })
  .get('/unread', requireAction('alert.read'), (c) => {
    const body: UnreadAlerts = {
      unread: c.var.alerts.alerts.unreadCount(requirePrincipal(c).userId, visibilityFor(c)),
    }
    return c.json(body, 200)
  })
  .post(
    '/read',
    audited('alert.read-mark'),
    requireAction('alert.read'),
    validate('json', markAlertsReadSchema),
    (c) => {
      const input = c.req.valid('json')
      const ids = 'ids' in input ? input.ids : 'all'
      c.set('auditDetails', { parameters: { count: ids === 'all' ? 'all' : ids.length } })
      const store = c.var.alerts.alerts
      const userId = requirePrincipal(c).userId
      store.markRead(userId, visibilityFor(c), ids)
      const body: UnreadAlerts = { unread: store.unreadCount(userId, visibilityFor(c)) }
      return c.json(body, 200)
    },
  )

/** Mounted at /api/alert-rules: admins manage the rules; every change is audited. */
export const alertRuleRoutes = new Hono<AppEnv>()
  .get('/', requireAction('alert.rules.manage'), (c) =>
    c.json<AlertRuleList>({ rules: c.var.alerts.rules.list() }, 200),
  )
  .post(
    '/',
    audited('alert.rule.create'),
    requireAction('alert.rules.manage'),
    validate('json', alertRuleInputSchema),
    (c) => {
      const input = c.req.valid('json')
      checkChannels(c, input.channelIds)
      const rule = c.var.alerts.rules.create(input)
      c.set('auditDetails', { target: rule.id, parameters: input })
      c.var.alerts.rulesChanged(rule.id)
      return c.json<AlertRuleResponse>({ rule }, 201)
    },
  )
  .put(
    '/:id',
    audited('alert.rule.update', idOf),
    requireAction('alert.rules.manage'),
    validate('param', alertRuleParamsPathSchema),
    validate('json', alertRuleInputSchema),
    (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      c.set('auditDetails', { parameters: input })
      checkChannels(c, input.channelIds)
      const rule = c.var.alerts.rules.replace(id, input)
      if (!rule) throw noRule(id)
      c.var.alerts.rulesChanged(id)
      return c.json<AlertRuleResponse>({ rule }, 200)
    },
  )
  .delete(
    '/:id',
    audited('alert.rule.delete', idOf),
    requireAction('alert.rules.manage'),
    validate('param', alertRuleParamsPathSchema),
    (c) => {
      const { id } = c.req.valid('param')
      if (!c.var.alerts.rules.remove(id)) throw noRule(id)
      c.var.alerts.rulesChanged(id)
      return c.body(null, 204)
    },
  )
