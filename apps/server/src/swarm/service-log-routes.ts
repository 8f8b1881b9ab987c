import { serviceLiveLogsQuerySchema, serviceParamsSchema } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { toLogOptions } from '../logs/index.ts'
import { upgradeLive } from '../platform/live-route.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { runServiceLogSession } from './service-log-session.ts'
import { resolveService } from './service-scope.ts'

/**
 * Mounted at `/api/hosts/:hostId/swarm`: a service's logs, every task merged with its task and
 * node, live over a WebSocket (service-log-session.ts). A read like the NDJSON answer of
 * `GET /services/:id/logs`, so `swarm.read` and not audited; label-scoped like the service.
 */
export const serviceLogRoutes = new Hono<AppEnv>().get(
  '/services/:id/logs/live',
  requireHostAction('swarm.read'),
  validate('param', serviceParamsSchema),
  validate('query', serviceLiveLogsQuerySchema),
  async (c) => {
    // Before the handshake: an unknown service is a 404, a bad time or no stream a 400.
    const { since, ...options } = toLogOptions(c.req.valid('query'))
    const service = await resolveService(c, c.req.valid('param').id)
    const request = {
      serviceId: service.id,
      tty: service.tty,
      options: { ...options, ...(since === undefined ? {} : { since }) },
    }
    return upgradeLive(c, (ws) => {
      runServiceLogSession(c.var.engine, request, ws, c.var.logger)
    })
  },
)
