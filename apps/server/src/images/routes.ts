import {
  type ImageDetails,
  type ImageHistoryEntry,
  type ImageRemoval,
  type ImageSummary,
  type PruneResult,
  hostParamsSchema,
  imageParamsSchema,
  imageSaveQuerySchema,
  imageTagInputSchema,
  listImagesQuerySchema,
  pruneImagesQuerySchema,
  removeImageQuerySchema,
} from '@harbormaster/contract'
import type { Filters } from '@harbormaster/engine'
import { type Context, Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { callerEnvVisibility, requireHostAction } from '../policy/index.ts'
import { sharedImageList } from './image-list.ts'
import { assertImageInScope, assertTargetsInScope, imageUsers } from './image-scope.ts'
import {
  toImageDetails,
  toImageHistoryEntry,
  toImageRemoval,
  toImageSummary,
} from './to-image-dto.ts'
import { tarDownload } from '../platform/attachment.ts'

const target = (c: Context<AppEnv>) => c.req.param('ref')

/**
 * Mounted at `/api/hosts/:hostId/images`. An image is named by one path segment, its id or its
 * reference URL-encoded (`registry%3A5000%2Fteam%2Fapp%3A1`), so `/:ref/history` and `/:ref/tag`
 * stay unambiguous. `GET /save` is declared before `GET /:ref` and wins; an image literally named
 * `save` is reached as `save:latest`.
 */
export const imageRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireHostAction('image.read'),
    validate('param', hostParamsSchema),
    validate('query', listImagesQuerySchema),
    async (c) => {
      const { dangling, inUse } = c.req.valid('query')
      const [listed, users] = await Promise.all([
        sharedImageList(c.var.host, dangling),
        imageUsers(c),
      ])
      const images = listed.images
      c.header('X-Measured-At', listed.at.toISOString())
      const rows = images.map((image) => toImageSummary(image, users.get(image.id) ?? []))
      const answer = inUse === undefined ? rows : rows.filter((row) => row.inUse === inUse)
      return c.json<ImageSummary[]>(answer, 200)
    },
  )
  .get(
    '/save',
    audited('image.save'),
    requireHostAction('image.export'),
    validate('param', hostParamsSchema),
    validate('query', imageSaveQuerySchema),
    async (c) => {
      const { names } = c.req.valid('query')
      c.set('auditDetails', { target: names.join(','), parameters: { names } })
      const tar = await c.var.engine.images.save(names, { signal: c.req.raw.signal })
      return tarDownload(c, tar, 'images')
    },
  )
  .get(
    '/:ref',
    requireHostAction('image.read'),
    validate('param', imageParamsSchema),
    async (c) => {
      const { ref } = c.req.valid('param')
      const [details, users] = await Promise.all([
        c.var.engine.images.inspect(ref, { signal: c.req.raw.signal }),
        imageUsers(c),
      ])
      const dto = toImageDetails(details, users.get(details.id) ?? [], callerEnvVisibility(c))
      return c.json<ImageDetails>(dto, 200)
    },
  )
  .get(
    '/:ref/history',
    requireHostAction('image.read'),
    validate('param', imageParamsSchema),
    async (c) => {
      const history = await c.var.engine.images.history(c.req.valid('param').ref, {
        signal: c.req.raw.signal,
      })
      return c.json<ImageHistoryEntry[]>(history.map(toImageHistoryEntry), 200)
    },
  )
  .post(
    '/:ref/tag',
    audited('image.tag', target),
    requireHostAction('image.change'),
    validate('param', imageParamsSchema),
    validate('json', imageTagInputSchema),
    async (c) => {
      const { ref } = c.req.valid('param')
      const { repo, tag } = c.req.valid('json')
      c.set('auditDetails', { parameters: { repo, tag: tag || undefined } })
      await assertImageInScope(c, ref)
      await assertTargetsInScope(c, [tag ? `${repo}:${tag}` : repo])
      await c.var.engine.images.tag(ref, { repo, tag: tag || undefined })
      return c.body(null, 204)
    },
  )
  .delete(
    '/:ref',
    audited('image.remove', target),
    requireHostAction('image.change'),
    validate('param', imageParamsSchema),
    validate('query', removeImageQuerySchema),
    async (c) => {
      const { ref } = c.req.valid('param')
      const { force } = c.req.valid('query')
      c.set('auditDetails', { parameters: { force } })
      await assertImageInScope(c, ref)
      const removals = await c.var.engine.images.remove(ref, { force })
      return c.json<ImageRemoval>(toImageRemoval(removals), 200)
    },
  )
  .post(
    '/prune',
    audited('image.prune'),
    requireHostAction('image.change'),
    validate('param', hostParamsSchema),
    validate('query', pruneImagesQuerySchema),
    async (c) => {
      const { all } = c.req.valid('query')
      c.set('auditDetails', { parameters: { all } })
      // Dangling images only unless asked; a caller with a label scope prunes only inside it.
      const scope = c.var.grant.labelScope
      const filters: Filters = {
        dangling: [all ? 'false' : 'true'],
        ...(scope === undefined ? {} : { label: [scope] }),
      }
      const { deleted, spaceReclaimed } = await c.var.engine.images.prune({ filters })
      return c.json<PruneResult>({ deleted, spaceReclaimed }, 200)
    },
  )
