import { Readable } from 'node:stream'
import {
  type DirectoryListing,
  containerParamsSchema,
  pathQuerySchema,
  uploadQuerySchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { pack } from 'tar-stream'
import { audited } from '../audit/index.ts'
import { assertMayReachInside, resolveContainer } from '../containers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { inspectTar } from '../platform/tar-inspection.ts'
import { uploadBody, withUpload } from '../platform/upload-body.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { uploadEntries } from './upload-entries.ts'
import { tarDownload } from '../platform/attachment.ts'

const target = (c: Context<AppEnv>) => c.req.param('id')

/**
 * Mounted at `/api/hosts/:hostId/containers`: files inside a container (docs/engine.md#archive). A
 * container with admin-only settings is out of bounds to non-admins for all of it: its mounts
 * are the host's files (reading /host/etc/shadow), and a write may become code it runs as root.
 */
export const fileRoutes = new Hono<AppEnv>()
  .get(
    '/:id/files',
    requireHostAction('container.files'),
    validate('param', containerParamsSchema),
    validate('query', pathQuerySchema),
    async (c) => {
      const container = await resolveContainer(c, c.req.valid('param').id)
      await assertMayReachInside(c, container, 'browse the files')
      const { id } = container
      const { path } = c.req.valid('query')
      const listing = await c.var.engine.archive.list(id, path, { signal: c.req.raw.signal })
      return c.json<DirectoryListing>({ path, ...listing }, 200)
    },
  )
  .get(
    '/:id/files/download',
    audited('container.files.download', target),
    requireHostAction('container.files'),
    validate('param', containerParamsSchema),
    validate('query', pathQuerySchema),
    async (c) => {
      const container = await resolveContainer(c, c.req.valid('param').id)
      const { path } = c.req.valid('query')
      c.set('auditDetails', { parameters: { path } })
      await assertMayReachInside(c, container, 'download files')
      const { id } = container
      const { stat, tar } = await c.var.engine.archive.get(id, path, { signal: c.req.raw.signal })
      return tarDownload(c, tar, stat.name === '' ? 'root' : stat.name)
    },
  )
  .put(
    '/:id/files',
    audited('container.files.upload', target),
    requireHostAction('container.files'),
    validate('param', containerParamsSchema),
    validate('query', uploadQuerySchema),
    async (c) => {
      const container = await resolveContainer(c, c.req.valid('param').id)
      const { path, name } = c.req.valid('query')
      c.set('auditDetails', { parameters: { path, name: name || undefined } })
      await assertMayReachInside(c, container, 'upload files')
      const { id } = container
      const upload = uploadBody(c)
      if (!upload) {
        throw new ApiError(
          400,
          'invalid_request',
          'body: expected the file or tar archive to upload',
        )
      }
      const size = Number(c.req.header('content-length') ?? Number.NaN)
      if (name !== undefined && !Number.isSafeInteger(size)) {
        throw new ApiError(
          411,
          'invalid_request',
          'A single-file upload needs a Content-Length header',
        )
      }
      const inspected = name === undefined ? inspectTar(upload.stream, uploadEntries) : undefined
      const tar = inspected?.stream ?? singleFileTar(name ?? '', size, upload.stream)
      await withUpload(upload, () =>
        c.var.engine.archive.put(id, path, tar, { signal: c.req.raw.signal }),
      ).catch((error: unknown) => {
        throw inspected?.refusal() ?? error
      })
      return c.body(null, 204)
    },
  )

/**
 * Wraps one uploaded file in a tar as it streams (the engine only extracts archives). A tar
 * header needs the size up front, so a single-file upload must say its Content-Length.
 */
function singleFileTar(name: string, size: number, file: Readable): Readable {
  const archive = pack()
  const entry = archive.entry({ name, size, mode: 0o644, mtime: new Date() }, (err) => {
    if (err) archive.destroy(err)
    else archive.finalize()
  })
  file.pipe(entry)
  return Readable.from(archive)
}
