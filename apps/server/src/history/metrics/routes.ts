import {
  type MetricHistory,
  type MetricHistoryEstimate,
  containerParamsSchema,
  hostParamsSchema,
  metricHistoryQuerySchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { EngineNotFoundError } from '@harbormaster/engine'
import type { AppEnv, HostContext } from '../../app-env.ts'
import { resolveContainer } from '../../containers/index.ts'
import { validate } from '../../platform/validate.ts'
import { inScope, requireHostAction } from '../../policy/index.ts'
import { estimateFor } from './estimate.ts'
import { HOST_SERIES_KEY, seriesKeyOf } from './series-key.ts'

/**
 * Mounted at `/api/hosts/:hostId/containers`: a container's metric history, by its id or name
 * (a removed container's by its name).
 * The series is the one of its key (compose project/service/number, else its name), so a
 * recreated container shows its predecessors' history with the id changes marked. Resolving the
 * container applies the caller's label scope (404 outside it).
 */
export const containerHistoryRoutes = new Hono<AppEnv>().get(
  '/:id/history',
  requireHostAction('container.stats'),
  validate('param', containerParamsSchema),
  validate('query', metricHistoryQuerySchema),
  async (c) => {
    const { id } = c.req.valid('param')
    const key = await seriesKeyFor(c, id)
    const { range } = c.req.valid('query')
    return c.json<MetricHistory>(
      c.var.metricHistory.history(c.var.hostId, key, range, c.var.grant),
      200,
    )
  },
)

/**
 * The series of a container (in the caller's scope); for a container gone from the engine, the
 * series kept under its name, judged by the labels its container last had.
 */
async function seriesKeyFor(c: HostContext, idOrName: string): Promise<string> {
  try {
    const container = await resolveContainer(c, idOrName)
    return seriesKeyOf(container.name, container.config.labels)
  } catch (err) {
    if (!(err instanceof EngineNotFoundError)) throw err
    const kept = c.var.metricHistory.store.series(c.var.hostId, seriesKeyOf(idOrName, {}))
    if (kept === undefined || !inScope(c.var.grant, kept.labels)) throw err
    return kept.key
  }
}

/**
 * Mounted at `/api/hosts/:hostId/history/metrics`: the host's metric history (its containers
 * added up; for a caller narrowed to a label scope, only the containers in scope), and what
 * turning it on would cost.
 */
export const hostHistoryRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireHostAction('container.stats'),
    validate('param', hostParamsSchema),
    validate('query', metricHistoryQuerySchema),
    (c) => {
      const { range } = c.req.valid('query')
      return c.json<MetricHistory>(
        c.var.metricHistory.history(c.var.hostId, HOST_SERIES_KEY, range, c.var.grant),
        200,
      )
    },
  )
  .get(
    '/estimate',
    requireHostAction('history.settings'),
    validate('param', hostParamsSchema),
    async (c) => {
      // The host's model when warm (no engine call); else one list of the running containers.
      const host = c.var.host
      const running =
        (await host.containers.list({ all: false })) ??
        (await c.var.engine.containers.list({ all: false }))
      return c.json<MetricHistoryEstimate>(estimateFor(running.length), 200)
    },
  )
