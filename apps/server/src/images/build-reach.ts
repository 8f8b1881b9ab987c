import { posix } from 'node:path'
import { EngineNotFoundError } from '@harbormaster/engine'
import type { Header } from 'tar-stream'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import type { TarInspector } from '../platform/tar-inspection.ts'

/**
 * The Dockerfile parser is loaded on the first operator build, not at start: it is megabytes of
 * resident memory that an idle server, and one whose builds are all an admin's, never needs.
 */
export const loadDockerfileReach = () => import('./dockerfile-reach.ts')

/** Larger than any real Dockerfile; the engine itself reads the whole file into memory. */
const DOCKERFILE_LIMIT_BYTES = 1024 * 1024
/** What one context's candidate Dockerfiles may hold in memory together while it streams. */
const CANDIDATES_LIMIT_BYTES = 8 * DOCKERFILE_LIMIT_BYTES

/**
 * A non-admin's build may not make the engine fetch from the network (issue 15): remote contexts
 * are refused elsewhere; here, `ADD <url>` in the Dockerfile, in its ONBUILD triggers, and in the
 * ONBUILD triggers of the images it starts FROM, which the builder runs first. Base images must
 * already be on the host: one the builder pulls would bring triggers nobody checked.
 */
export async function assertBuildStaysInside(
  c: HostContext,
  file: string,
  dockerfile: string,
  buildArgs: Readonly<Record<string, string>> | undefined,
): Promise<void> {
  await refuseOutsideSources(file, dockerfile)
  const { baseImages } = await loadDockerfileReach()
  const { images, unresolved } = baseImages(dockerfile, buildArgs)
  if (unresolved.length > 0) {
    throw new ApiError(
      400,
      'invalid_request',
      `${file}: FROM ${unresolved[0] ?? ''} cannot be resolved before the build; give the build argument it needs`,
    )
  }
  for (const image of images) await refuseBaseTriggers(c, image)
}

async function refuseOutsideSources(file: string, dockerfile: string): Promise<void> {
  const { outsideSources } = await loadDockerfileReach()
  const found = outsideSources(dockerfile)[0]
  if (found === undefined) return
  throw new ApiError(
    403,
    'forbidden',
    `Only an admin may build with ADD from outside the context: ${file} line ${found.line}: ${found.source} is ${found.why}`,
  )
}

async function refuseBaseTriggers(c: HostContext, image: string): Promise<void> {
  let triggers: string[]
  try {
    triggers = (await c.var.engine.images.inspect(image, { signal: c.req.raw.signal })).config
      .onBuild
  } catch (error) {
    if (!(error instanceof EngineNotFoundError)) throw error
    throw new ApiError(
      409,
      'conflict',
      `Pull ${image} first: an operator's build starts only from images already on the host, whose ONBUILD triggers are checked`,
    )
  }
  for (const trigger of triggers) await refuseOutsideSources(`${image} ONBUILD`, trigger)
}

/**
 * Finds the Dockerfile in a streamed context and checks it before the context's end reaches the
 * engine. Every file named like it is checked, wherever it lies, because a folder link in the
 * context can make another one the Dockerfile; and the Dockerfile itself may not be a link.
 */
export function buildContextCheck(
  c: HostContext,
  options: { dockerfile?: string | undefined; buildArgs?: Record<string, string> | undefined },
): TarInspector {
  const wanted =
    options.dockerfile === undefined ? ['Dockerfile', 'dockerfile'] : [options.dockerfile]
  const paths = new Set(wanted.map(contextPath))
  const names = new Set([...paths].map((path) => posix.basename(path)))
  const found = new Map<string, string>()
  let held = 0
  return {
    entry(header: Header) {
      const path = contextPath(header.name)
      if (!names.has(posix.basename(path))) return 0
      if (header.type === 'symlink' || header.type === 'link') {
        throw new ApiError(
          403,
          'forbidden',
          `Only an admin may build with a Dockerfile that is a link: ${header.name}`,
        )
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') return 0
      held += header.size
      if (header.size > DOCKERFILE_LIMIT_BYTES || held > CANDIDATES_LIMIT_BYTES) {
        throw new ApiError(
          400,
          'invalid_request',
          `body: ${header.name}: Dockerfiles larger than 1 MiB, or 8 MiB of files named like one, cannot be checked`,
        )
      }
      return DOCKERFILE_LIMIT_BYTES
    },
    kept(header, content) {
      found.set(contextPath(header.name), content.toString('utf8'))
    },
    async finish() {
      for (const [path, text] of found) await refuseOutsideSources(path, text)
      // The later of two entries with one name is what the engine extracts last, and reads.
      const exact = [...paths].find((path) => found.has(path))
      const checked = exact === undefined ? [...found] : [...found].filter(([p]) => p === exact)
      for (const [path, text] of checked) {
        await assertBuildStaysInside(c, path, text, options.buildArgs)
      }
    },
  }
}

/** A name in the context as the engine resolves it: relative, clean, without `./`. */
function contextPath(name: string): string {
  return posix.normalize(`/${name}`).slice(1).replace(/\/$/, '')
}
