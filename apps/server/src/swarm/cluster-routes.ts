import {
  type JoinTokens,
  type SwarmClusterView,
  clusterSettingsChangeSchema,
  hostParamsSchema,
  rotateTokensSchema,
} from '@harbormaster/contract'
import type { SwarmCluster } from '@harbormaster/engine'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'

const hostOnly = validate('param', hostParamsSchema)

function requireWholeHost(c: HostContext): void {
  if (c.var.grant.labelScope !== undefined) {
    throw new ApiError(403, 'forbidden', 'The swarm’s settings need a grant on the whole host')
  }
}

const toView = (cluster: SwarmCluster): SwarmClusterView => ({
  id: cluster.id,
  createdAt: cluster.createdAt,
  settings: cluster.settings,
})

/** The tokens, and the unlock key when the swarm is autolocked (asked only then). */
async function tokensOf(c: HostContext, cluster: SwarmCluster): Promise<JoinTokens> {
  const unlockKey = cluster.settings.autolock
    ? await c.var.engine.swarmCluster.unlockKey({ signal: c.req.raw.signal })
    : undefined
  // Never kept by a cache in between: these let a machine join the swarm.
  c.header('Cache-Control', 'no-store')
  return { ...cluster.joinTokens, ...(unlockKey ? { unlockKey } : {}) }
}

/**
 * Mounted at `/api/hosts/:hostId/swarm/cluster`, admins only: the swarm's settings, and its join
 * tokens, revealed only when asked (`GET /join-tokens`, audited as a reveal) and rotatable. No
 * other answer carries a token, and the audit log records that they were read, never them.
 */
export const swarmClusterRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('swarm.admin'), hostOnly, async (c) => {
    requireWholeHost(c)
    const cluster = await c.var.engine.swarmCluster.inspect({ signal: c.req.raw.signal })
    return c.json<SwarmClusterView>(toView(cluster), 200)
  })
  .patch(
    '/',
    audited('swarm.cluster.update'),
    requireHostAction('swarm.admin'),
    hostOnly,
    validate('json', clusterSettingsChangeSchema),
    async (c) => {
      requireWholeHost(c)
      const change = c.req.valid('json')
      c.set('auditDetails', { parameters: { ...change } })
      const cluster = await c.var.engine.swarmCluster.update(change, { signal: c.req.raw.signal })
      return c.json<SwarmClusterView>(toView(cluster), 200)
    },
  )
  .get(
    '/join-tokens',
    audited('swarm.join-tokens.reveal'),
    requireHostAction('swarm.admin'),
    hostOnly,
    async (c) => {
      requireWholeHost(c)
      const cluster = await c.var.engine.swarmCluster.inspect({ signal: c.req.raw.signal })
      return c.json<JoinTokens>(await tokensOf(c, cluster), 200)
    },
  )
  .post(
    '/join-tokens/rotate',
    audited('swarm.join-tokens.rotate'),
    requireHostAction('swarm.admin'),
    hostOnly,
    validate('json', rotateTokensSchema),
    async (c) => {
      requireWholeHost(c)
      const rotate = c.req.valid('json')
      c.set('auditDetails', { parameters: { ...rotate } })
      const cluster = await c.var.engine.swarmCluster.update(
        {},
        {
          rotateWorkerToken: rotate.worker,
          rotateManagerToken: rotate.manager,
          signal: c.req.raw.signal,
        },
      )
      return c.json<JoinTokens>(await tokensOf(c, cluster), 200)
    },
  )
