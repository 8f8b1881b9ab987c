import {
  type DrainEffect,
  type NodeUpdated,
  type SwarmNodeDetails,
  nodeParamsSchema,
  nodeRemoveQuerySchema,
  nodeUpdateSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { drainEffect, nodeDetails, resolveNode } from './node-tasks.ts'

const params = validate('param', nodeParamsSchema)
const target = (c: Context<AppEnv>) => c.req.param('id')

/**
 * A node change reaches every team's tasks on it, so a grant narrowed to some labels cannot make
 * one, whatever its role (the label scope would be meaningless for it).
 */
function requireWholeHost(c: HostContext): void {
  if (c.var.grant.labelScope !== undefined) {
    throw new ApiError(403, 'forbidden', 'Changing a swarm node needs a grant on the whole host')
  }
}

/**
 * Mounted at `/api/hosts/:hostId/swarm/nodes`: one node with its tasks (any reader; tasks
 * label-scoped), and the admin's changes: availability, role and labels, removal. A drain
 * answers what it asked swarm to move; `GET /:id/drain` says it before.
 */
export const swarmNodeRoutes = new Hono<AppEnv>()
  .get('/:id', requireHostAction('swarm.read'), params, async (c) => {
    const node = await resolveNode(c, c.req.valid('param').id)
    return c.json<SwarmNodeDetails>(await nodeDetails(c, node), 200)
  })
  .get('/:id/drain', requireHostAction('swarm.node.change'), params, async (c) => {
    requireWholeHost(c)
    const node = await resolveNode(c, c.req.valid('param').id)
    return c.json<DrainEffect>(await drainEffect(c, node.id), 200)
  })
  .patch(
    '/:id',
    audited('swarm.node.update', target),
    requireHostAction('swarm.node.change'),
    params,
    validate('json', nodeUpdateSchema),
    async (c) => {
      requireWholeHost(c)
      const change = c.req.valid('json')
      const found = await resolveNode(c, c.req.valid('param').id)
      c.set('auditDetails', { target: found.hostname, parameters: { id: found.id, ...change } })
      const draining = change.availability === 'drain' && found.availability !== 'drain'
      // Read before the change: once drained, the node's tasks are already on their way out.
      const drained = draining ? await drainEffect(c, found.id) : undefined
      const node = await c.var.engine.swarmNodes.update(found.id, change, {
        signal: c.req.raw.signal,
      })
      const details = await nodeDetails(c, node)
      return c.json<NodeUpdated>({ node: details, ...(drained ? { drained } : {}) }, 200)
    },
  )
  .delete(
    '/:id',
    audited('swarm.node.remove', target),
    requireHostAction('swarm.node.change'),
    params,
    validate('query', nodeRemoveQuerySchema),
    async (c) => {
      requireWholeHost(c)
      const { force } = c.req.valid('query')
      const node = await resolveNode(c, c.req.valid('param').id)
      c.set('auditDetails', { target: node.hostname, parameters: { id: node.id, force } })
      await c.var.engine.swarmNodes.remove(node.id, force, { signal: c.req.raw.signal })
      return c.body(null, 204)
    },
  )
