import {
  type ContainerDetails,
  type ContainerSummary,
  type FilesystemChange,
  type ProcessList,
  containerCreateSchema,
  containerParamsSchema,
  hostParamsSchema,
  listContainersQuerySchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { callerEnvVisibility, inScope, requireHostAction } from '../policy/index.ts'
import { adminOnlySettingsOf } from './admin-only.ts'
import { listContainers } from './container-list.ts'
import { containerTarget, resolveContainer } from './container-scope.ts'
import { createContainer } from './create-container.ts'
import { toContainerDetails, toContainerSummary } from './to-container-dto.ts'

const createQuerySchema = z.object({ start: z.stringbool().default(false) }).strict()

/** Mounted at `/api/hosts/:hostId/containers`: lists, inspection and creation. */
export const containerRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireHostAction('container.read'),
    validate('param', hostParamsSchema),
    validate('query', listContainersQuerySchema),
    async (c) => {
      const { all, size } = c.req.valid('query')
      const containers = await listContainers(c, { all, size })
      const visible = containers.filter((container) => inScope(c.var.grant, container.labels))
      return c.json<ContainerSummary[]>(visible.map(toContainerSummary), 200)
    },
  )
  .post(
    '/',
    audited('container.create', (c) => c.var.auditDetails?.target),
    requireHostAction('container.create'),
    validate('param', hostParamsSchema),
    validate('query', createQuerySchema),
    validate('json', containerCreateSchema),
    async (c) => {
      const created = await createContainer(c, c.req.valid('json'), c.req.valid('query').start)
      return c.json(created, 201)
    },
  )
  .get(
    '/:id',
    requireHostAction('container.read'),
    validate('param', containerParamsSchema),
    async (c) => {
      const details = await resolveContainer(c, c.req.valid('param').id)
      const adminOnly = await adminOnlySettingsOf(c, details)
      return c.json<ContainerDetails>(
        toContainerDetails(details, callerEnvVisibility(c), adminOnly),
        200,
      )
    },
  )
  .get(
    '/:id/top',
    requireHostAction('container.read'),
    validate('param', containerParamsSchema),
    async (c) => {
      const id = await containerTarget(c, c.req.valid('param').id)
      const top = await c.var.engine.containers.top(id, { signal: c.req.raw.signal })
      return c.json<ProcessList>(top, 200)
    },
  )
  .get(
    '/:id/changes',
    requireHostAction('container.read'),
    validate('param', containerParamsSchema),
    async (c) => {
      const id = await containerTarget(c, c.req.valid('param').id)
      const changes = await c.var.engine.containers.changes(id, { signal: c.req.raw.signal })
      return c.json<FilesystemChange[]>(changes, 200)
    },
  )
