import {
  type ServiceChanged,
  type ServiceCreated,
  type ServiceDetails,
  hostParamsSchema,
  serviceCreateSchema,
  serviceParamsSchema,
  serviceScaleSchema,
  serviceUpdateSchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { callerEnvVisibility, requireHostAction } from '../policy/index.ts'
import { changeService } from './service-change.ts'
import { resolveService } from './service-scope.ts'
import { judgeExistingSpec, judgedSettings } from './service-policy.ts'
import { toServiceDetails } from './to-service-details.ts'

const byId = validate('param', serviceParamsSchema)

/**
 * Mounted at `/api/hosts/:hostId/swarm/services`: creating and changing services. Every path
 * that makes a spec current is judged by the container policy first (service-policy.ts), on the
 * spec as the engine has it at that moment; a refusal changes nothing on the cluster.
 */
export const serviceRoutes = new Hono<AppEnv>()
  .post(
    '/',
    audited('service.create', (c) => c.var.auditDetails?.target),
    requireHostAction('service.change'),
    validate('param', hostParamsSchema),
    validate('json', serviceCreateSchema),
    async (c) => {
      const input = c.req.valid('json')
      c.set('auditDetails', { target: input.name, parameters: { ...input } })
      const settings = await judgedSettings(c, { settings: input, unmodelled: [] })
      const created = await c.var.engine.services.create(settings, { signal: c.req.raw.signal })
      return c.json<ServiceCreated>(created, 201)
    },
  )
  .get('/:id', requireHostAction('swarm.read'), byId, async (c) => {
    const id = (await resolveService(c, c.req.valid('param').id)).id
    const details = await c.var.engine.services.inspect(id, { signal: c.req.raw.signal })
    return c.json<ServiceDetails>(toServiceDetails(details, callerEnvVisibility(c)), 200)
  })
  .patch(
    '/:id',
    audited('service.update', (c) => c.req.param('id')),
    requireHostAction('service.change'),
    byId,
    validate('json', serviceUpdateSchema),
    async (c) => {
      const change = c.req.valid('json')
      const id = await target(c, { parameters: { ...change } })
      const warnings = await changeService(c, id, change)
      return c.json<ServiceChanged>({ warnings }, 200)
    },
  )
  .post(
    '/:id/scale',
    audited('service.scale', (c) => c.req.param('id')),
    requireHostAction('service.change'),
    byId,
    validate('json', serviceScaleSchema),
    async (c) => {
      const { replicas } = c.req.valid('json')
      const id = await target(c, { parameters: { replicas } })
      const warnings = await c.var.engine.services.scale(
        id,
        replicas,
        (current) => judgeExistingSpec(c, current.spec),
        { signal: c.req.raw.signal },
      )
      return c.json<ServiceChanged>({ warnings }, 200)
    },
  )
  .post(
    '/:id/rollback',
    audited('service.rollback', (c) => c.req.param('id')),
    requireHostAction('service.change'),
    byId,
    async (c) => {
      const id = await target(c)
      // What the rollback makes current is the previous spec, so that is the one judged.
      const warnings = await c.var.engine.services.rollback(
        id,
        async (current) => {
          if (current.previousSpec) await judgeExistingSpec(c, current.previousSpec)
        },
        { signal: c.req.raw.signal },
      )
      return c.json<ServiceChanged>({ warnings }, 200)
    },
  )
  .post(
    '/:id/redeploy',
    audited('service.redeploy', (c) => c.req.param('id')),
    requireHostAction('service.change'),
    byId,
    async (c) => {
      const id = await target(c)
      const warnings = await c.var.engine.services.redeploy(
        id,
        (current) => judgeExistingSpec(c, current.spec),
        { signal: c.req.raw.signal },
      )
      return c.json<ServiceChanged>({ warnings }, 200)
    },
  )
  .delete(
    '/:id',
    audited('service.remove', (c) => c.req.param('id')),
    requireHostAction('service.change'),
    byId,
    async (c) => {
      const id = await target(c)
      await c.var.engine.services.remove(id, { signal: c.req.raw.signal })
      return c.body(null, 204)
    },
  )

/** The service's full id, within the caller's scope (else 404), recorded as the audit target. */
async function target(
  c: HostContext,
  details: { parameters?: Record<string, unknown> } = {},
): Promise<string> {
  const id = (await resolveService(c, c.req.param('id') ?? '')).id
  c.set('auditDetails', { target: id, ...details })
  return id
}
