import {
  type ServiceChanged,
  type ServiceCreated,
  type ServiceDetails,
  type ServiceUpdateInput,
  hostParamsSchema,
  serviceCreateSchema,
  serviceParamsSchema,
  serviceScaleSchema,
  serviceUpdateSchema,
} from '@harbormaster/contract'
import type { ServiceSettings } from '@harbormaster/engine'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { callerEnvVisibility, requireHostAction, restoreWithheldEnv } from '../policy/index.ts'
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
      const warnings = await c.var.engine.services.update(
        id,
        async (current) => {
          if (current.spec.unmodelled.length > 0) throw unmodelledRefusal(current.spec.unmodelled)
          const next = withChanges(current.spec.settings, withheldKept(c, change, current.spec))
          return judgedSettings(c, { settings: next, unmodelled: [] })
        },
        { signal: c.req.raw.signal },
      )
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

/** A spec with fields we cannot read back would lose them if rewritten from settings. */
function unmodelledRefusal(fields: readonly string[]): ApiError {
  return new ApiError(
    409,
    'conflict',
    `This service has settings Harbormaster cannot change (${fields.join(', ')}): update it with the docker CLI`,
  )
}

/** The change with each env value the caller was shown masked and sent back as it is kept. */
function withheldKept(
  c: HostContext,
  change: ServiceUpdateInput,
  current: { settings: ServiceSettings },
): ServiceUpdateInput {
  if (change.env === undefined) return change
  const env = restoreWithheldEnv(change.env, current.settings.env ?? [], callerEnvVisibility(c))
  return { ...change, env }
}

/** The settings with each field the change names replaced whole; JSON has no `undefined`. */
function withChanges(settings: ServiceSettings, change: ServiceUpdateInput): ServiceSettings {
  const given = Object.entries(change).filter(([, value]) => value !== undefined)
  return { ...settings, ...(Object.fromEntries(given) as Partial<ServiceSettings>) }
}
