import {
  type SwarmNode,
  type SwarmObjectMeta,
  type SwarmService,
  type SwarmStatus,
  type SwarmTask,
  hostParamsSchema,
  serviceLogsQuerySchema,
  serviceParamsSchema,
  swarmTasksQuerySchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { abortWithClient, streamNdjson } from '../platform/ndjson-response.ts'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { inScope, requireHostAction } from '../policy/index.ts'
import { logFrames, logLines } from './log-lines.ts'
import { resolveService, visibleServices } from './service-scope.ts'
import { swarmConfigs, swarmNodes, swarmSecrets, swarmTasks } from './swarm-reads.ts'
import { toSwarmNode, toSwarmObjectMeta, toSwarmService, toSwarmTask } from './to-swarm-dto.ts'

const hostOnly = validate('param', hostParamsSchema)

/**
 * Mounted at `/api/hosts/:hostId/swarm`: read views of a swarm. On a host that is not a manager
 * the engine answers 503, passed on in our envelope; `GET /` tells the UI first. Services,
 * tasks, secrets and configs are label-scoped like containers; nodes are host infrastructure.
 */
export const swarmRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('swarm.read'), hostOnly, async (c) => {
    const manager = await c.var.engine.swarm.isManager({ signal: c.req.raw.signal })
    return c.json<SwarmStatus>({ manager }, 200)
  })
  .get('/services', requireHostAction('swarm.read'), hostOnly, async (c) => {
    const services = await visibleServices(c)
    return c.json<SwarmService[]>(services.map(toSwarmService), 200)
  })
  .get(
    '/tasks',
    requireHostAction('swarm.read'),
    hostOnly,
    validate('query', swarmTasksQuerySchema),
    async (c) => {
      const { service } = c.req.valid('query')
      const scoped = c.var.grant.labelScope !== undefined
      // The engine's `service` filter takes an id or a name; scoped callers need the service first.
      const only = service === undefined ? undefined : await resolveService(c, service)
      const [tasks, visible] = await Promise.all([
        swarmTasks(c, only?.id),
        scoped && !only ? visibleServices(c) : Promise.resolve(undefined),
      ])
      const ids = visible && new Set(visible.map((s) => s.id))
      const rows = ids ? tasks.filter((task) => ids.has(task.serviceId)) : tasks
      return c.json<SwarmTask[]>(rows.map(toSwarmTask), 200)
    },
  )
  .get('/nodes', requireHostAction('swarm.read'), hostOnly, async (c) => {
    const nodes = await swarmNodes(c)
    return c.json<SwarmNode[]>(nodes.map(toSwarmNode), 200)
  })
  .get('/secrets', requireHostAction('swarm.read'), hostOnly, async (c) => {
    const secrets = await swarmSecrets(c)
    const rows = secrets.filter((s) => inScope(c.var.grant, s.labels)).map(toSwarmObjectMeta)
    return c.json<SwarmObjectMeta[]>(rows, 200)
  })
  .get('/configs', requireHostAction('swarm.read'), hostOnly, async (c) => {
    const configs = await swarmConfigs(c)
    const rows = configs.filter((s) => inScope(c.var.grant, s.labels)).map(toSwarmObjectMeta)
    return c.json<SwarmObjectMeta[]>(rows, 200)
  })
  .get(
    '/services/:id/logs',
    requireHostAction('swarm.read'),
    validate('param', serviceParamsSchema),
    validate('query', serviceLogsQuerySchema),
    async (c) => {
      const { tail, timestamps } = c.req.valid('query')
      const service = await resolveService(c, c.req.valid('param').id)
      const work = abortWithClient(c)
      const body = await c.var.engine.swarm.serviceLogs(service.id, {
        tail,
        timestamps,
        signal: work.signal,
      })
      return streamNdjson(c, logLines(logFrames(body, service.tty)), work)
    },
  )
