import {
  type ContainerImageUpdateResult,
  containerImageUpdateParamsSchema,
  hostParamsSchema,
  type ImageUpdateReport,
  type RegistryCredential,
  registryCredentialInputSchema,
  registryParamsSchema,
  type ServiceImageUpdateResult,
  serviceImageUpdateParamsSchema,
  type StackAutoUpdate,
  stackAutoUpdateInputSchema,
  stackAutoUpdateParamsSchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv, HostContext } from '../app-env.ts'
import { audited } from '../audit/index.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { inScope, requireHostAction } from '../policy/index.ts'
import { authorOf, requireStoredStack } from '../stacks/index.ts'
import { visibleServices } from '../swarm/index.ts'
import { updateContainer } from './update-container.ts'
import { updateService } from './update-service.ts'

/**
 * Mounted at `/api/hosts/:hostId/updates`: the last check's findings (anyone who sees the
 * containers, narrowed to their scope), a check on demand (operators), and the registry
 * credentials the checker uses (admins; the password is write-only).
 */
export const updateRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('image.read'), validate('param', hostParamsSchema), async (c) => {
    return c.json<ImageUpdateReport>(await reportFor(c), 200)
  })
  .post(
    '/check',
    audited('image.update.check'),
    requireHostAction('image.update.check'),
    validate('param', hostParamsSchema),
    async (c) => {
      await c.var.updates.check(c.var.hostId)
      return c.json<ImageUpdateReport>(await reportFor(c), 200)
    },
  )
  .post(
    '/containers/:id',
    audited('container.image-update', (c) => c.req.param('id')),
    requireHostAction('container.update'),
    validate('param', containerImageUpdateParamsSchema),
    async (c) => {
      const timeoutMs = c.var.config.updateHealthTimeoutSeconds * 1000
      const result = await updateContainer(c, c.req.valid('param').id, timeoutMs)
      // Rolled back is an answer, not an error: the audit row says which, and why.
      c.set('auditDetails', {
        target: result.name,
        parameters: {
          outcome: result.outcome,
          image: result.image,
          ...(result.reason === undefined ? {} : { reason: result.reason }),
        },
      })
      return c.json<ContainerImageUpdateResult>(result, 200)
    },
  )
  .post(
    '/services/:id',
    audited('service.image-update', (c) => c.req.param('id')),
    requireHostAction('service.change'),
    validate('param', serviceImageUpdateParamsSchema),
    async (c) => {
      const result = await updateService(c, c.req.valid('param').id)
      c.set('auditDetails', {
        target: result.serviceId,
        parameters: { outcome: result.outcome, name: result.name, image: result.image },
      })
      return c.json<ServiceImageUpdateResult>(result, 200)
    },
  )
  .get(
    '/stacks/:name/auto-update',
    requireHostAction('stack.read'),
    validate('param', stackAutoUpdateParamsSchema),
    (c) => {
      const { name } = c.req.valid('param')
      requireStoredStack(c, name)
      return c.json<StackAutoUpdate>(autoUpdateOf(c, name), 200)
    },
  )
  .put(
    '/stacks/:name/auto-update',
    audited('stack.auto-update', (c) => c.req.param('name')),
    requireHostAction('stack.operate'),
    validate('param', stackAutoUpdateParamsSchema),
    validate('json', stackAutoUpdateInputSchema),
    (c) => {
      const { name } = c.req.valid('param')
      const { enabled } = c.req.valid('json')
      c.set('auditDetails', { parameters: { enabled } })
      const stack = requireStoredStack(c, name)
      if (stack.target === 'swarm') {
        throw new ApiError(
          400,
          'invalid_request',
          `Stack ${name} runs on a swarm: automatic updates do not cover swarm stacks yet`,
        )
      }
      c.var.autoUpdates.stacks.set(c.var.hostId, name, enabled, authorOf(c).name)
      return c.json<StackAutoUpdate>(autoUpdateOf(c, name), 200)
    },
  )
  .get(
    '/credentials',
    requireHostAction('registry.credentials'),
    validate('param', hostParamsSchema),
    (c) => c.json<RegistryCredential[]>(c.var.updates.credentials.list(c.var.hostId), 200),
  )
  .put(
    '/credentials/:registry',
    audited('registry.credentials.set'),
    requireHostAction('registry.credentials'),
    validate('param', registryParamsSchema),
    validate('json', registryCredentialInputSchema),
    (c) => {
      const { registry } = c.req.valid('param')
      const { username, password } = c.req.valid('json')
      // The audit row names the registry and user, never the password.
      c.set('auditDetails', { target: registry, parameters: { username } })
      c.var.updates.credentials.set(c.var.hostId, registry, { username, password })
      const saved = c.var.updates.credentials
        .list(c.var.hostId)
        .find((row) => row.registry === registry)
      return c.json<RegistryCredential | undefined>(saved, 200)
    },
  )
  .delete(
    '/credentials/:registry',
    audited('registry.credentials.remove'),
    requireHostAction('registry.credentials'),
    validate('param', registryParamsSchema),
    (c) => {
      const { registry } = c.req.valid('param')
      c.set('auditDetails', { target: registry })
      if (!c.var.updates.credentials.remove(c.var.hostId, registry)) {
        throw new ApiError(404, 'not_found', `No credentials for ${registry} on this host`)
      }
      return c.body(null, 204)
    },
  )

function autoUpdateOf(c: HostContext, name: string): StackAutoUpdate {
  return {
    enabled: c.var.autoUpdates.stacks.isOn(c.var.hostId, name),
    window: c.var.autoUpdates.describeWindow() ?? null,
  }
}

/** The report with the maintenance window, when one is set. */
async function reportFor(c: HostContext): Promise<ImageUpdateReport> {
  const window = c.var.autoUpdates.describeWindow()
  return {
    ...(await scopedReport(c)),
    ...(window === undefined ? {} : { autoUpdateWindow: window }),
  }
}

/** The report, narrowed to the containers and services a label-scoped caller may see. */
async function scopedReport(c: HostContext): Promise<ImageUpdateReport> {
  const { grant, host, hostId } = c.var
  if (grant.labelScope === undefined) return c.var.updates.report(hostId)
  const containers =
    (await host.containers.list({ all: true })) ??
    (await host.engine.containers.list({ all: true }))
  const visible = new Set(
    containers.filter((row) => inScope(grant, row.labels)).map((row) => row.id),
  )
  const checked = c.var.updates.store.list(hostId).some((row) => row.serviceIds.length > 0)
  const services = new Set(checked ? (await visibleServices(c)).map((row) => row.id) : [])
  return c.var.updates.report(hostId, {
    container: (id) => visible.has(id),
    service: (id) => services.has(id),
  })
}
