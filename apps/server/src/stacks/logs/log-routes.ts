import { stackLogsQuerySchema, stackParamsSchema } from '@harbormaster/contract'
import { EngineNotFoundError } from '@harbormaster/engine'
import { Hono } from 'hono'
import type { AppEnv, HostContext } from '../../app-env.ts'
import { resolveContainer } from '../../containers/index.ts'
import { toLogOptions } from '../../logs/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { upgradeLive } from '../../platform/live-route.ts'
import { validate } from '../../platform/validate.ts'
import { requireHostAction } from '../../policy/index.ts'
import { containerNumber, servicesOf } from '../compose-labels.ts'
import { resolveStack } from '../stack-access.ts'
import { type StackLogSource, runStackLogSession } from './stack-log-session.ts'
import type { StackView } from '../stack-views.ts'

/** More containers than this in one merged log: choose a service. */
const MAX_MERGED_CONTAINERS = 64

/**
 * Mounted at `/api/hosts/:hostId/stacks`: the merged logs of a stack's containers in the
 * caller's scope, live over a WebSocket; `service` narrows them to one service. Following, the
 * containers that start later (scale, redeploy, restart) join (stack-log-session.ts). A read, as a
 * container's logs are (`container.logs`), so not audited.
 */
export const stackLogRoutes = new Hono<AppEnv>().get(
  '/:name/logs',
  requireHostAction('container.logs'),
  validate('param', stackParamsSchema),
  validate('query', stackLogsQuerySchema),
  async (c) => {
    // Before the handshake: an unknown stack or service is a 404, a bad time a 400.
    const { service, ...query } = c.req.valid('query')
    const options = toLogOptions(query)
    const view = await resolveStack(c, c.req.valid('param').name)
    const sources = await logSources(c, view, service)
    const follow = options.follow
      ? {
          events: c.var.host.events,
          project: view.name,
          ...(service === undefined ? {} : { service }),
          grant: c.var.grant,
          maxSources: MAX_MERGED_CONTAINERS,
        }
      : undefined
    return upgradeLive(c, (ws) => {
      const request = { sources, options, ...(follow ? { follow } : {}) }
      runStackLogSession(c.var.engine, request, ws, c.var.logger)
    })
  },
)

/** The containers whose logs are merged, with the TTY flag each log is framed by. */
async function logSources(
  c: HostContext,
  view: StackView,
  service: string | undefined,
): Promise<StackLogSource[]> {
  const services = servicesOf(view.containers).filter(
    (candidate) => service === undefined || candidate.name === service,
  )
  if (service !== undefined && services.length === 0) {
    throw new ApiError(404, 'not_found', `No service ${service} in stack ${view.name}`)
  }
  const containers = services.flatMap((s) => s.containers.map((container) => ({ container, s })))
  if (containers.length > MAX_MERGED_CONTAINERS) {
    throw new ApiError(
      400,
      'invalid_request',
      `query.service: the stack has ${containers.length} containers, more than ` +
        `${MAX_MERGED_CONTAINERS} in one log: choose a service`,
    )
  }
  const sources = await Promise.all(
    containers.map(async ({ container, s }) => {
      try {
        const details = await resolveContainer(c, container.id)
        return {
          containerId: details.id,
          tty: details.config.tty,
          service: s.name,
          number: containerNumber(container),
        }
      } catch (err) {
        // Removed since the list was read: it has no log to give.
        if (err instanceof EngineNotFoundError) return undefined
        throw err
      }
    }),
  )
  return sources.filter((source) => source !== undefined)
}
