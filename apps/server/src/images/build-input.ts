import {
  type ImageBuildJson,
  type ImageBuildQuery,
  imageBuildJsonSchema,
} from '@harbormaster/contract'
import type { BuildOptions } from '@harbormaster/engine'
import { pack } from 'tar-stream'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { type UploadBody, uploadBody } from '../platform/upload-body.ts'

/** What a build asks of the engine, whichever of the two request forms carried it. */
export interface BuildInput {
  form: 'tar' | 'dockerfile' | 'remote'
  options: Omit<BuildOptions, 'signal' | 'timeoutMs' | 'registryConfig'>
  /** The context: an uploaded tar (streamed), a one-file tar we made, or none for `remote`. */
  context: UploadBody | Buffer | undefined
  /** The Dockerfile's text, for the `dockerfile` form (the other forms carry it in the context). */
  dockerfile?: string
}

const CONTEXT_TYPES = /^application\/(x-tar|tar|gzip|x-gzip|x-bzip2|x-xz|octet-stream)\b/i

/**
 * Reads `POST /images/build`: a JSON body `{ dockerfile: "FROM …", … }`, built as a one-file
 * context; or a context tar as the body with the options in the query (`tags=a:1,a:2`,
 * `buildArgs` and `labels` as JSON objects); or no body and `?remote=` (admins only).
 */
export async function readBuildInput(c: HostContext, query: ImageBuildQuery): Promise<BuildInput> {
  const type = c.req.header('content-type') ?? ''
  if (/\bjson\b/i.test(type)) return dockerfileInput(c)
  if (query.remote !== undefined) {
    return { form: 'remote', options: toBuildOptions(query), context: undefined }
  }
  if (type !== '' && !CONTEXT_TYPES.test(type)) {
    throw new ApiError(
      400,
      'invalid_request',
      `header.content-type: expected application/x-tar (a build context) or application/json, got ${type}`,
    )
  }
  const upload = uploadBody(c)
  if (!upload) {
    throw new ApiError(
      400,
      'invalid_request',
      'body: expected a build context tar (application/x-tar) or a JSON body with a Dockerfile',
    )
  }
  return { form: 'tar', options: toBuildOptions(query), context: upload }
}

async function dockerfileInput(c: HostContext): Promise<BuildInput> {
  const unexpected = Object.keys(c.req.query())[0]
  if (unexpected !== undefined) {
    throw new ApiError(
      400,
      'invalid_request',
      `query.${unexpected}: not allowed with a JSON body (put the options in the body)`,
    )
  }
  const parsed = imageBuildJsonSchema.safeParse(await readJson(c))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = ['json', ...(issue?.path ?? [])].join('.')
    throw new ApiError(400, 'invalid_request', `${field}: ${issue?.message ?? 'invalid value'}`)
  }
  const { dockerfile, ...options }: ImageBuildJson = parsed.data
  return {
    form: 'dockerfile',
    options: toBuildOptions(options),
    context: await oneFileContext(dockerfile),
    dockerfile,
  }
}

type BuildFields = Omit<ImageBuildQuery, 'remote'> & { remote?: string | undefined }

/** Only the options we validated, under the engine package's names. */
function toBuildOptions(fields: BuildFields): BuildInput['options'] {
  const { dockerfile, tags, buildArgs, labels, nocache, pull, target, platform, remote } = fields
  return {
    dockerfile,
    tags,
    buildArgs,
    labels,
    ...(nocache ? { noCache: true } : {}),
    ...(pull ? { pull: true } : {}),
    target,
    platform,
    remote,
  }
}

async function readJson(c: HostContext): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new ApiError(400, 'invalid_request', 'Request body is not valid JSON')
  }
}

/** A build context holding only `Dockerfile`, made in memory (the text is at most 512 KiB). */
export async function oneFileContext(dockerfile: string): Promise<Buffer> {
  const archive = pack()
  archive.entry({ name: 'Dockerfile', mode: 0o644 }, dockerfile)
  archive.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}
