import { type TimelinePage, hostParamsSchema, timelineQuerySchema } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { validate } from '../../platform/validate.ts'
import { may, requireHostAction, requirePrincipal } from '../../policy/index.ts'

/**
 * Mounted at `/api/hosts/:hostId/timeline`: the host's engine events and the user actions on it,
 * newest first, narrowed to the caller's label scope. Who acted, on what, when and how it ended
 * is shown to everyone who sees the object; the request's parameters and error to admins only.
 */
export const timelineRoutes = new Hono<AppEnv>().get(
  '/',
  requireHostAction('timeline.read'),
  validate('param', hostParamsSchema),
  validate('query', timelineQuerySchema),
  (c) => {
    const { limit, ...query } = c.req.valid('query')
    const page = c.var.timeline.query(
      {
        ...query,
        hostId: c.var.hostId,
        labelScope: c.var.grant.labelScope,
        callerId: requirePrincipal(c).userId,
        readsAudit: may(c, 'audit.read'),
      },
      limit,
    )
    return c.json<TimelinePage>(page, 200)
  },
)
