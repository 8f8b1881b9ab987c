import {
  type Capsule,
  type CapsuleList,
  type LogRetentionList,
  type LogRetentionRule,
  capsuleListQuerySchema,
  capsuleParamsSchema,
  hostParamsSchema,
  logRetentionInputSchema,
  logRetentionParamsSchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv, HostContext } from '../../app-env.ts'
import { audited } from '../../audit/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { inScope, requireHostAction, requirePrincipal } from '../../policy/index.ts'

const noCapsule = (id: string) => new ApiError(404, 'not_found', `No capsule ${id}`)
const noRule = (id: string) => new ApiError(404, 'not_found', `No log retention rule ${id}`)

/** A capsule the caller may see, or 404 as if it did not exist (the container's scope). */
function visibleCapsule(c: HostContext, id: string): Capsule {
  c.var.capsules.flush()
  const capsule = c.var.capsules.store.get(c.var.hostId, id)
  if (capsule === undefined || !inScope(c.var.grant, capsule.labels)) throw noCapsule(id)
  return capsule
}

/**
 * A rule is the caller's to see and delete when it carries the caller's own label scope, or
 * when the caller has none: a scoped operator neither learns of nor removes another team's.
 */
function rulesOf(c: HostContext): LogRetentionRule[] {
  const scope = c.var.grant.labelScope
  return c.var.capsules.rules
    .list(c.var.hostId)
    .filter((rule) => scope === undefined || rule.scope === scope)
}

/**
 * Mounted at `/api/hosts/:hostId/capsules`: the host's crash capsules (newest first), one
 * capsule whole, and its deletion. Every answer is narrowed to the caller's label scope by the
 * capsule's labels, as the containers list is.
 */
export const capsuleRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireHostAction('capsule.read'),
    validate('param', hostParamsSchema),
    validate('query', capsuleListQuerySchema),
    (c) => {
      const { name, limit } = c.req.valid('query')
      c.var.capsules.flush()
      const capsules = c.var.capsules.store.list(
        c.var.hostId,
        (labels) => inScope(c.var.grant, labels),
        { name: name?.replace(/^\//, ''), limit },
      )
      return c.json<CapsuleList>({ capsules }, 200)
    },
  )
  .get('/:id', requireHostAction('capsule.read'), validate('param', capsuleParamsSchema), (c) =>
    c.json<Capsule>(visibleCapsule(c, c.req.valid('param').id), 200),
  )
  .delete(
    '/:id',
    audited('capsule.delete', (c) => c.req.param('id')),
    requireHostAction('capsule.delete'),
    validate('param', capsuleParamsSchema),
    (c) => {
      const { id } = c.req.valid('param')
      const capsule = visibleCapsule(c, id)
      c.set('auditDetails', { target: id, parameters: { name: capsule.name } })
      c.var.capsules.store.delete(c.var.hostId, id)
      return c.body(null, 204)
    },
  )

/**
 * Mounted at `/api/hosts/:hostId/log-retention`: which containers' logs the server follows and
 * keeps (opt-in: each followed container costs the engine a log stream). Operators add and
 * remove rules; a scoped operator's rule carries their scope and follows only inside it.
 */
export const logRetentionRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('capsule.read'), validate('param', hostParamsSchema), (c) => {
    const body: LogRetentionList = {
      rules: rulesOf(c),
      following: visibleFollowed(c),
    }
    return c.json(body, 200)
  })
  .post(
    '/',
    audited('log-retention.add'),
    requireHostAction('log-retention.manage'),
    validate('param', hostParamsSchema),
    validate('json', logRetentionInputSchema),
    async (c) => {
      const input = c.req.valid('json')
      const by = requirePrincipal(c).username
      const { rule, created } = c.var.capsules.rules.add(
        c.var.hostId,
        input,
        c.var.grant.labelScope,
        by,
      )
      c.set('auditDetails', { target: rule.id, parameters: { ...input } })
      if (created) await c.var.capsules.rulesChanged(c.var.hostId)
      return c.json<LogRetentionRule>(rule, created ? 201 : 200)
    },
  )
  .delete(
    '/:id',
    audited('log-retention.delete', (c) => c.req.param('id')),
    requireHostAction('log-retention.manage'),
    validate('param', logRetentionParamsSchema),
    async (c) => {
      const { id } = c.req.valid('param')
      const rule = rulesOf(c).find((candidate) => candidate.id === id)
      if (rule === undefined) throw noRule(id)
      c.set('auditDetails', { target: id, parameters: { match: rule.match, value: rule.value } })
      c.var.capsules.rules.delete(c.var.hostId, id)
      await c.var.capsules.rulesChanged(c.var.hostId)
      return c.body(null, 204)
    },
  )

/** Names of the followed containers the caller may see (by the model's labels). */
function visibleFollowed(c: HostContext): string[] {
  return c.var.capsules
    .following(c.var.hostId)
    .filter((followed) => {
      const known = c.var.host.containers.known(followed.id)
      return known !== undefined && inScope(c.var.grant, known.labels)
    })
    .map((followed) => followed.name)
}
