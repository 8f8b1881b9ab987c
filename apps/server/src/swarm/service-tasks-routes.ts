import { serviceParamsSchema } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { upgradeLive } from '../platform/live-route.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { resolveService } from './service-scope.ts'
import { runServiceTasksSession } from './service-tasks-session.ts'

/**
 * Mounted at `/api/hosts/:hostId/swarm`: a service's tasks, live over a WebSocket, from one
 * shared follower per service (service-tasks-follow.ts). A read like `GET /swarm/tasks`, so
 * `swarm.read` and not audited; label-scoped like the service (an unknown or hidden one is a 404
 * before the handshake).
 */
export const serviceTasksRoutes = new Hono<AppEnv>().get(
  '/services/:id/tasks/live',
  requireHostAction('swarm.read'),
  validate('param', serviceParamsSchema),
  async (c) => {
    const service = await resolveService(c, c.req.valid('param').id)
    const host = c.var.host
    return upgradeLive(c, (ws) => {
      runServiceTasksSession(host, service.id, ws, {
        logger: c.var.logger,
        recheckSeconds: c.var.config.swarmTasksRecheckSeconds,
      })
    })
  },
)
