import {
  type StackDirectoryListing,
  type StackDirectoryWrite,
  stackDirectoryArchiveQuerySchema,
  stackDirectoryFolderSchema,
  stackDirectoryMoveSchema,
  stackDirectoryPathQuerySchema,
  stackParamsSchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { stream } from 'hono/streaming'
import { audited } from '../../audit/index.ts'
import type { AppEnv, HostContext } from '../../app-env.ts'
import { attachmentDisposition } from '../../platform/attachment.ts'
import { ApiError } from '../../platform/errors.ts'
import { uploadBody } from '../../platform/upload-body.ts'
import { validate } from '../../platform/validate.ts'
import { may, requireHostAction } from '../../policy/index.ts'
import { makeFolder, moveEntry, openForReading, removeEntry } from './directory-changes.ts'
import { listDirectory } from './directory-listing.ts'
import { joinSegments, pathSegments } from './directory-paths.ts'
import { Staging, type StagedEntry } from './directory-staging.ts'
import { stageArchive } from './directory-upload.ts'
import { requireStoredStack } from '../stack-access.ts'
import { ensureStackDirectory } from '../stack-dir.ts'

const target = (c: Context<AppEnv>) => c.req.param('name')
/** Entries named in one audit entry at most; the count and total are always there. */
const AUDITED_ENTRIES = 50

/**
 * Mounted at `/api/hosts/:hostId/stacks`: the files of a stored stack's directory beside its
 * compose file, which `env_file`, secrets and configs of `file` type and build contexts name.
 * Anyone who sees the stack sees the names and sizes; reading a file's content takes
 * `stack.directory.read` (secrets live here), changing one `stack.change`. The compose file and
 * `.env` are listed but written only through the stack's versions. Nothing changes while a
 * deploy of the stack runs: it reads these files.
 */
export const stackDirectoryRoutes = new Hono<AppEnv>()
  .get(
    '/:name/directory',
    requireHostAction('stack.read'),
    validate('param', stackParamsSchema),
    (c) => {
      const dir = directoryOf(c, c.req.valid('param').name)
      const { entries, truncated } = listDirectory(dir)
      const { stackFileMaxBytes, stackDirectoryMaxBytes } = c.var.config
      return c.json<StackDirectoryListing>(
        {
          entries,
          truncated,
          mayRead: may(c, 'stack.directory.read'),
          mayWrite: may(c, 'stack.change'),
          limits: { fileBytes: stackFileMaxBytes, directoryBytes: stackDirectoryMaxBytes },
        },
        200,
      )
    },
  )
  .get(
    '/:name/directory/file',
    audited('stack.directory.download', target),
    requireHostAction('stack.directory.read'),
    validate('param', stackParamsSchema),
    validate('query', stackDirectoryPathQuerySchema),
    async (c) => {
      const dir = directoryOf(c, c.req.valid('param').name)
      const segments = pathSegments(c.req.valid('query').path)
      c.set('auditDetails', { parameters: { path: joinSegments(segments) } })
      const { handle, size } = await openForReading(dir, segments)
      c.set('auditDetails', { parameters: { path: joinSegments(segments), size } })
      c.header('Content-Type', 'application/octet-stream')
      c.header('Content-Length', String(size))
      c.header('Content-Disposition', attachmentDisposition(segments.at(-1) ?? ''))
      return stream(c, async (out) => {
        const file = handle.createReadStream()
        out.onAbort(() => {
          file.destroy()
        })
        for await (const chunk of file as AsyncIterable<Uint8Array>) await out.write(chunk)
      })
    },
  )
  .put(
    '/:name/directory/file',
    audited('stack.directory.upload', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('query', stackDirectoryPathQuerySchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const segments = pathSegments(c.req.valid('query').path)
      c.set('auditDetails', { parameters: { path: joinSegments(segments) } })
      return upload(c, name, async (staging, body) => {
        await staging.addFile(segments, body)
      })
    },
  )
  .put(
    '/:name/directory/archive',
    audited('stack.directory.upload', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('query', stackDirectoryArchiveQuerySchema),
    async (c) => {
      const { name } = c.req.valid('param')
      const base = pathSegments(c.req.valid('query').path ?? '')
      c.set('auditDetails', { parameters: { path: joinSegments(base), archive: true } })
      return upload(c, name, (staging, body) => stageArchive(body, base, staging))
    },
  )
  .post(
    '/:name/directory/folders',
    audited('stack.directory.folder', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('json', stackDirectoryFolderSchema),
    (c) => {
      const { name } = c.req.valid('param')
      const segments = pathSegments(c.req.valid('json').path)
      c.set('auditDetails', { parameters: { path: joinSegments(segments) } })
      const dir = directoryOf(c, name)
      assertNotDeploying(c, name)
      makeFolder(dir, segments)
      return c.body(null, 204)
    },
  )
  .post(
    '/:name/directory/move',
    audited('stack.directory.move', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('json', stackDirectoryMoveSchema),
    (c) => {
      const { name } = c.req.valid('param')
      const { from, to } = c.req.valid('json')
      const [source, destination] = [pathSegments(from, 'from'), pathSegments(to, 'to')]
      c.set('auditDetails', {
        parameters: { from: joinSegments(source), to: joinSegments(destination) },
      })
      const dir = directoryOf(c, name)
      assertNotDeploying(c, name)
      moveEntry(dir, source, destination)
      return c.body(null, 204)
    },
  )
  .delete(
    '/:name/directory',
    audited('stack.directory.delete', target),
    requireHostAction('stack.change'),
    validate('param', stackParamsSchema),
    validate('query', stackDirectoryPathQuerySchema),
    (c) => {
      const { name } = c.req.valid('param')
      const segments = pathSegments(c.req.valid('query').path)
      const path = joinSegments(segments)
      c.set('auditDetails', { parameters: { path } })
      const dir = directoryOf(c, name)
      assertNotDeploying(c, name)
      const removed = removeEntry(dir, segments)
      c.set('auditDetails', { parameters: { path, ...removed } })
      return c.body(null, 204)
    },
  )

/** The stored stack's directory (a 404 for a project without a stored stack, or out of scope). */
function directoryOf(c: HostContext, name: string): string {
  requireStoredStack(c, name)
  return ensureStackDirectory(c.var.config.dataDir, c.var.hostId, name)
}

/**
 * A 409 while a deploy of the stack runs: it reads env files, secrets and build contexts from
 * the directory as it goes, so a change in between would deploy half of it.
 */
function assertNotDeploying(c: HostContext, name: string): void {
  if (c.var.host.stackClaims.get(name) === 'deploy') {
    throw new ApiError(
      409,
      'conflict',
      `A deploy of stack ${name} is running: change its files once it has ended`,
    )
  }
}

/**
 * Stages the body with `stage`, then moves it into place if no deploy started meanwhile; the
 * staging folder is removed whatever happens.
 */
async function upload(
  c: HostContext,
  name: string,
  stage: (
    staging: Staging,
    body: NonNullable<ReturnType<typeof uploadBody>>['stream'],
  ) => Promise<void>,
) {
  const dir = directoryOf(c, name)
  assertNotDeploying(c, name)
  const body = uploadBody(c)
  if (!body)
    throw new ApiError(400, 'invalid_request', 'body: expected the file or tar archive to upload')
  const { stackFileMaxBytes, stackDirectoryMaxBytes } = c.var.config
  const staging = new Staging(dir, {
    fileBytes: stackFileMaxBytes,
    directoryBytes: stackDirectoryMaxBytes,
  })
  try {
    await stage(staging, body.stream)
    const written = staging.commit(() => {
      assertNotDeploying(c, name)
    })
    c.set('auditDetails', {
      parameters: { ...c.var.auditDetails?.parameters, ...auditedWrite(written) },
    })
    return c.json<StackDirectoryWrite>(
      {
        written: written.map(({ segments, kind, size }) => ({
          path: joinSegments(segments),
          kind,
          size,
        })),
      },
      200,
    )
  } finally {
    staging.discard()
  }
}

function auditedWrite(written: readonly StagedEntry[]) {
  return {
    files: written.filter((e) => e.kind === 'file').length,
    bytes: written.reduce((sum, e) => sum + e.size, 0),
    entries: written
      .slice(0, AUDITED_ENTRIES)
      .map((e) => ({ path: joinSegments(e.segments), size: e.size })),
  }
}
