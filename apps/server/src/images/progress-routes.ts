import {
  hostParamsSchema,
  imageBuildQuerySchema,
  imageImportQuerySchema,
  imagePullSchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import {
  RESERVED_LABEL_PREFIX,
  labelsWithinScope,
  may,
  requireHostAction,
} from '../policy/index.ts'
import { inspectTar } from '../platform/tar-inspection.ts'
import { type BuildInput, readBuildInput } from './build-input.ts'
import { assertBuildStaysInside, buildContextCheck } from './build-reach.ts'
import { assertTargetsInScope } from './image-scope.ts'
import { abortWithClient, streamNdjson } from '../platform/ndjson-response.ts'
import { uploadBody, withUpload } from '../platform/upload-body.ts'

/**
 * Mounted at `/api/hosts/:hostId/images`: the routes that answer with the engine's progress as
 * NDJSON (pull, build, import). An engine error before the stream starts keeps its status and
 * message in the usual envelope; one inside the stream is the last line.
 */
export const progressRoutes = new Hono<AppEnv>()
  .post(
    '/pull',
    audited('image.pull', (c) => c.var.auditDetails?.target),
    requireHostAction('image.pull'),
    validate('param', hostParamsSchema),
    validate('json', imagePullSchema),
    async (c) => {
      const { image, tag, platform, registryAuth } = c.req.valid('json')
      // Never the credentials: the audit log and the logs see the reference only.
      c.set('auditDetails', {
        target: tag === undefined ? image : `${image}:${tag}`,
        parameters: { image, tag: tag || undefined, platform: platform || undefined },
      })
      const work = abortWithClient(c)
      const events = await c.var.engine.images.pull(image, {
        tag: tag || undefined,
        platform: platform || undefined,
        registryAuth,
        signal: work.signal,
      })
      return streamNdjson(c, events, work)
    },
  )
  .post(
    '/build',
    audited('image.build', (c) => c.var.auditDetails?.target),
    requireHostAction('image.build'),
    validate('param', hostParamsSchema),
    validate('query', imageBuildQuerySchema),
    async (c) => {
      const input = await readBuildInput(c, c.req.valid('query'))
      const { options } = input
      c.set('auditDetails', {
        ...(options.tags?.[0] ? { target: options.tags[0] } : {}),
        parameters: buildAuditParameters(input),
      })
      const restricted = !may(c, 'image.build.unrestricted')
      if (restricted) await refuseRestrictedBuild(c, input)
      await assertTargetsInScope(c, options.tags ?? [])
      // What a scoped caller builds carries the scope, so they can tag, rebuild and remove it.
      const labels = labelsWithinScope(options.labels, c.var.grant.labelScope)
      const work = abortWithClient(c)
      const { context } = input
      const upload = Buffer.isBuffer(context) ? undefined : context
      // A restricted context is checked as it streams; its end reaches the engine after the checks.
      const checked =
        restricted && upload ? inspectTar(upload.stream, buildContextCheck(c, options)) : undefined
      const body = Buffer.isBuffer(context) ? context : (checked?.stream ?? upload?.stream)
      const events = await withUpload(upload, () =>
        c.var.engine.images.build(body, {
          ...options,
          labels,
          signal: work.signal,
        }),
      ).catch((error: unknown) => {
        throw checked?.refusal() ?? error
      })
      return streamNdjson(c, events, work)
    },
  )
  .post(
    '/import',
    audited('image.import', (c) => c.var.auditDetails?.target),
    requireHostAction('image.build'),
    validate('param', hostParamsSchema),
    validate('query', imageImportQuerySchema),
    async (c) => importImage(c, c.req.valid('query')),
  )

/** Settings of a build that need `image.build.unrestricted` (issues 9 and 15), named in the 403. */
async function refuseRestrictedBuild(c: HostContext, input: BuildInput): Promise<void> {
  const refused: string[] = []
  if (input.form === 'remote') refused.push('remote (build from a URL)')
  // The builder would pull base images whose ONBUILD triggers nobody checked: pull them first.
  if (input.options.pull === true) refused.push('pull (pull the base images first)')
  if (Object.keys(input.options.labels ?? {}).some((key) => key.startsWith(RESERVED_LABEL_PREFIX)))
    refused.push(`labels (${RESERVED_LABEL_PREFIX}*)`)
  if (refused.length > 0) {
    throw new ApiError(403, 'forbidden', `Only an admin may use: ${refused.join(', ')}`)
  }
  if (input.dockerfile !== undefined) {
    await assertBuildStaysInside(c, 'Dockerfile', input.dockerfile, input.options.buildArgs)
  }
}

/** Build args may hold secrets despite the engine's advice: only their names are recorded. */
function buildAuditParameters({ form, options }: BuildInput): Record<string, unknown> {
  return {
    form,
    tags: options.tags,
    dockerfile: options.dockerfile || undefined,
    ...(options.buildArgs ? { buildArgNames: Object.keys(options.buildArgs) } : {}),
    labels: options.labels,
    remote: options.remote || undefined,
    ...(options.noCache ? { nocache: true } : {}),
  }
}

async function importImage(
  c: HostContext,
  query: { repo?: string | undefined; tag?: string | undefined; fromSrc?: string | undefined },
) {
  const { repo, tag, fromSrc } = query
  c.set('auditDetails', {
    ...(repo ? { target: tag ? `${repo}:${tag}` : repo } : {}),
    parameters: {
      repo: repo || undefined,
      tag: tag || undefined,
      fromSrc: fromSrc || undefined,
    },
  })
  if (fromSrc !== undefined && !may(c, 'image.import.from-url')) {
    throw new ApiError(403, 'forbidden', 'Only an admin may use: fromSrc (import from a URL)')
  }
  if (repo !== undefined) await assertTargetsInScope(c, [tag ? `${repo}:${tag}` : repo])
  const upload = fromSrc === undefined ? uploadBody(c) : undefined
  if (fromSrc === undefined && !upload) {
    throw new ApiError(400, 'invalid_request', 'body: expected a root filesystem tar to import')
  }
  const work = abortWithClient(c)
  const events = await withUpload(upload, () =>
    c.var.engine.images.importTarball(upload?.stream, {
      repo: repo || undefined,
      tag: tag || undefined,
      fromSrc: fromSrc || undefined,
      signal: work.signal,
    }),
  )
  return streamNdjson(c, events, work)
}
