import {
  type ContainerExit,
  type ContainerUpdated,
  type PruneResult,
  containerParamsSchema,
  containerUpdateSchema,
  hostParamsSchema,
  killQuerySchema,
  removeQuerySchema,
  renameSchema,
  stopQuerySchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { containerTarget } from './container-scope.ts'
import { tarDownload } from '../platform/attachment.ts'

const target = (c: Context<AppEnv>) => c.req.param('id')

/**
 * After a change made through us, the host's model re-reads that container before it serves the
 * next list, so the person who clicked sees the result without waiting for the engine's event.
 * Mounted before the routes' requireHostAction, so it finds the host by the path's id.
 */
const refreshAfterChange = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  const id = c.req.param('id')
  const hostId = c.req.param('hostId')
  if (c.req.method !== 'GET' && id !== undefined && id !== 'prune' && c.res.status < 400) {
    if (hostId !== undefined) c.var.hosts.get(hostId)?.containers.touch(id)
  }
})

/** Mounted at `/api/hosts/:hostId/containers`: actions that change a container. */
export const lifecycleRoutes = new Hono<AppEnv>()
  .use('/:id/*', refreshAfterChange)
  .use('/:id', refreshAfterChange)
  .post(
    '/:id/start',
    audited('container.start', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    async (c) => {
      await c.var.engine.containers.start(await containerTarget(c, c.req.valid('param').id))
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/stop',
    audited('container.stop', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    validate('query', stopQuerySchema),
    async (c) => {
      const { t } = c.req.valid('query')
      await c.var.engine.containers.stop(
        await containerTarget(c, c.req.valid('param').id),
        t === undefined ? {} : { timeoutSeconds: t },
      )
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/restart',
    audited('container.restart', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    validate('query', stopQuerySchema),
    async (c) => {
      const { t } = c.req.valid('query')
      await c.var.engine.containers.restart(
        await containerTarget(c, c.req.valid('param').id),
        t === undefined ? {} : { timeoutSeconds: t },
      )
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/kill',
    audited('container.kill', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    validate('query', killQuerySchema),
    async (c) => {
      const { signal } = c.req.valid('query')
      await c.var.engine.containers.kill(
        await containerTarget(c, c.req.valid('param').id),
        signal === undefined ? {} : { killSignal: signal },
      )
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/pause',
    audited('container.pause', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    async (c) => {
      await c.var.engine.containers.pause(await containerTarget(c, c.req.valid('param').id))
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/unpause',
    audited('container.unpause', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    async (c) => {
      await c.var.engine.containers.unpause(await containerTarget(c, c.req.valid('param').id))
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/rename',
    audited('container.rename', target),
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    validate('json', renameSchema),
    async (c) => {
      const { name } = c.req.valid('json')
      c.set('auditDetails', { parameters: { name } })
      await c.var.engine.containers.rename(await containerTarget(c, c.req.valid('param').id), name)
      c.var.host.containers.touch(name)
      return c.body(null, 204)
    },
  )
  .post(
    '/:id/update',
    audited('container.update', target),
    requireHostAction('container.update'),
    validate('param', containerParamsSchema),
    validate('json', containerUpdateSchema),
    async (c) => {
      const spec = c.req.valid('json')
      c.set('auditDetails', { parameters: { ...spec } })
      const warnings = await c.var.engine.containers.update(
        await containerTarget(c, c.req.valid('param').id),
        spec,
      )
      return c.json<ContainerUpdated>({ warnings }, 200)
    },
  )
  .post(
    '/:id/wait',
    requireHostAction('container.lifecycle'),
    validate('param', containerParamsSchema),
    async (c) => {
      const result = await c.var.engine.containers.wait(
        await containerTarget(c, c.req.valid('param').id),
        { signal: c.req.raw.signal },
      )
      return c.json<ContainerExit>(result, 200)
    },
  )
  .delete(
    '/:id',
    audited('container.remove', target),
    requireHostAction('container.remove'),
    validate('param', containerParamsSchema),
    validate('query', removeQuerySchema),
    async (c) => {
      const { force, volumes } = c.req.valid('query')
      c.set('auditDetails', { parameters: { force, volumes } })
      await c.var.engine.containers.remove(await containerTarget(c, c.req.valid('param').id), {
        force,
        volumes,
      })
      return c.body(null, 204)
    },
  )
  .post(
    '/prune',
    audited('container.prune'),
    requireHostAction('container.prune'),
    validate('param', hostParamsSchema),
    async (c) => {
      // A caller with a label scope may only prune inside it.
      const scope = c.var.grant.labelScope
      const result = await c.var.engine.containers.prune(
        scope === undefined ? {} : { filters: { label: [scope] } },
      )
      for (const id of result.deleted) c.var.host.containers.touch(id)
      return c.json<PruneResult>(result, 200)
    },
  )
  .get(
    '/:id/export',
    audited('container.export', target),
    requireHostAction('container.export'),
    validate('param', containerParamsSchema),
    async (c) => {
      const id = await containerTarget(c, c.req.valid('param').id)
      const tar = await c.var.engine.containers.export(id, { signal: c.req.raw.signal })
      return tarDownload(c, tar, id)
    },
  )
