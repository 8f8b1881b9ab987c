import {
  type PruneResult,
  type VolumeCreateInput,
  type VolumeDetails,
  type VolumeSummary,
  hostParamsSchema,
  pruneVolumesQuerySchema,
  removeVolumeQuerySchema,
  volumeCreateSchema,
  volumeParamsSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { audited } from '../audit/index.ts'
import { visibleContainers } from '../containers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import {
  inScope,
  labelsWithinScope,
  may,
  refusalMessage,
  refusedVolumeSettings,
  requireHostAction,
} from '../policy/index.ts'
import { toVolumeDetails, toVolumeSummary, usersByVolume } from './to-volume-dto.ts'
import { sharedVolumeList } from './volume-list.ts'
import { resolveVolume } from './volume-scope.ts'

const target = (c: Context<AppEnv>) => c.req.param('name')

/** Mounted at `/api/hosts/:hostId/volumes`; label-scoped like containers (out of scope = 404). */
export const volumeRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('volume.read'), validate('param', hostParamsSchema), async (c) => {
    const [volumes, containers] = await Promise.all([
      sharedVolumeList(c.var.host),
      visibleContainers(c),
    ])
    const users = usersByVolume(containers)
    const rows = volumes
      .filter((volume) => inScope(c.var.grant, volume.labels))
      .map((volume) => toVolumeSummary(volume, users.get(volume.name) ?? []))
    return c.json<VolumeSummary[]>(rows, 200)
  })
  .get(
    '/:name',
    requireHostAction('volume.read'),
    validate('param', volumeParamsSchema),
    async (c) => {
      const volume = await resolveVolume(c, c.req.valid('param').name)
      const users = usersByVolume(await visibleContainers(c))
      return c.json<VolumeDetails>(toVolumeDetails(volume, users.get(volume.name) ?? []), 200)
    },
  )
  .post(
    '/',
    audited('volume.create', (c) => c.var.auditDetails?.target),
    requireHostAction('volume.change'),
    validate('param', hostParamsSchema),
    validate('json', volumeCreateSchema),
    async (c) => {
      const spec = c.req.valid('json')
      c.set('auditDetails', {
        ...(spec.name ? { target: spec.name } : {}),
        parameters: { ...spec },
      })
      if (!may(c, 'volume.create.unrestricted')) refuseForOperator(spec)
      const labels = labelsWithinScope(spec.labels, c.var.grant.labelScope)
      const volume = await c.var.engine.volumes.create(
        { ...spec, ...(labels ? { labels } : {}) },
        { signal: c.req.raw.signal },
      )
      // Creating a name that exists answers with that volume, unchanged: one outside the
      // caller's scope is hidden like any lookup of it.
      if (!inScope(c.var.grant, volume.labels)) {
        throw new ApiError(404, 'not_found', `No such volume: ${spec.name ?? volume.name}`)
      }
      c.set('auditDetails', { target: volume.name, parameters: { ...spec } })
      return c.json<VolumeDetails>(toVolumeDetails(volume, []), 201)
    },
  )
  .delete(
    '/:name',
    audited('volume.remove', target),
    requireHostAction('volume.change'),
    validate('param', volumeParamsSchema),
    validate('query', removeVolumeQuerySchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const { force } = c.req.valid('query')
      c.set('auditDetails', { parameters: { force } })
      if (c.var.grant.labelScope !== undefined) await resolveVolume(c, name)
      await c.var.engine.volumes.remove(name, { force })
      return c.body(null, 204)
    },
  )
  .post(
    '/prune',
    audited('volume.prune'),
    requireHostAction('volume.change'),
    validate('param', hostParamsSchema),
    validate('query', pruneVolumesQuerySchema),
    async (c) => {
      const { all } = c.req.valid('query')
      c.set('auditDetails', { parameters: { all } })
      // A caller with a label scope may only prune inside it.
      const scope = c.var.grant.labelScope
      const result = await c.var.engine.volumes.prune({
        all,
        ...(scope === undefined ? {} : { filters: { label: [scope] } }),
      })
      return c.json<PruneResult>(result, 200)
    },
  )

function refuseForOperator(spec: VolumeCreateInput): void {
  const refused = refusedVolumeSettings(spec)
  if (refused.length > 0) throw new ApiError(403, 'forbidden', refusalMessage(refused))
}
