import { createHash } from 'node:crypto'
import { constants, realpathSync, statSync } from 'node:fs'
import { lstat, open, readFile, readdir } from 'node:fs/promises'
import { join, posix, sep } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Build } from '@harbormaster/compose'
import * as dockerignoreModule from '@balena/dockerignore'
import type { Ignore } from '@balena/dockerignore'
import { pack } from 'tar-stream'
import { canonicalJson } from '../compose-objects.ts'
import { resolveStackPath } from '../stack-dir.ts'

/** A build context's folder in the stack's directory and its Dockerfile in it, both checked. */
export interface BuildPlace {
  /** The context folder on this server, resolved inside the stack's directory. */
  dir: string
  /** The Dockerfile's path inside the context, clean and relative (`Dockerfile`, `docker/App`). */
  dockerfile: string
  args: Record<string, string>
  target?: string
}

/** One entry of a context as packed: a folder or a regular file, relative to the context. */
export interface ContextEntry {
  path: string
  type: 'directory' | 'file'
  mode: number
  size: number
}

/** A context read whole: what is packed, and the digest that says whether it changed. */
export interface BuildContext {
  place: BuildPlace
  entries: ContextEntry[]
  /** SHA-256 over every packed path, mode and content, the Dockerfile's path, args and target. */
  digest: string
}

/** More than any context a stack should send through this server. */
const MAX_ENTRIES = 100_000
const MAX_BYTES = 4 * 1024 * 1024 * 1024

const REMOTE_CONTEXT = /^([a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i

/**
 * Where a service's `build` reads from, or why it cannot: the context must be a folder of the
 * stack's directory (confined as every path of the file: no absolute path, no `..` out, no link
 * out), and the Dockerfile a path inside it. A remote context (a URL, a git repository) is
 * refused for everyone: the engine would fetch it from its own network, which only an admin may
 * ask through `POST /images/build?remote=`, and a stack's image must come from its files.
 */
export function buildPlace(
  stackDir: string,
  dirExists: boolean,
  build: Build,
): BuildPlace | { at: 'context' | 'dockerfile'; message: string } {
  if (REMOTE_CONTEXT.test(build.context)) {
    return {
      at: 'context',
      message:
        'a remote build context (URL or git) is not supported in a stack: put the context in ' +
        "the stack's folder, or build the image first and name it in image",
    }
  }
  const where = JSON.stringify(build.context)
  let dir: string
  try {
    dir = resolveStackPath(stackDir, build.context)
  } catch (err) {
    return { at: 'context', message: err instanceof Error ? err.message : String(err) }
  }
  if (!dirExists)
    return { at: 'context', message: `${where}: no such folder in the stack's folder` }
  try {
    const real = realpathSync(dir)
    const root = realpathSync(stackDir)
    if (real !== root && !real.startsWith(root + sep)) {
      return { at: 'context', message: `${where}: a link that leads outside the stack's folder` }
    }
    if (!statSync(real).isDirectory()) return { at: 'context', message: `${where}: not a folder` }
    dir = real
  } catch {
    return { at: 'context', message: `${where}: no such folder in the stack's folder` }
  }
  const dockerfile = posix.normalize(build.dockerfile)
  if (
    build.dockerfile.includes('\\') ||
    posix.isAbsolute(dockerfile) ||
    dockerfile === '..' ||
    dockerfile.startsWith('../')
  ) {
    return {
      at: 'dockerfile',
      message: `${JSON.stringify(build.dockerfile)}: expected a path inside the build context`,
    }
  }
  return {
    dir,
    dockerfile,
    args: build.args,
    ...(build.target === undefined ? {} : { target: build.target }),
  }
}

/**
 * The package's factory. It is CommonJS (`module.exports = factory`, and `factory.default`): as
 * a namespace's `default` under Node and the bundlers alike, while its types read differently
 * under the server's and the web's module resolution, hence the one checked cast.
 */
function dockerignore(): Ignore {
  const factory: unknown = (dockerignoreModule as { default: unknown }).default
  if (typeof factory !== 'function') throw new Error('@balena/dockerignore: no factory')
  return (factory as () => Ignore)()
}

/** A context's problem: a 400 at the service's `build`. */
export class ContextProblem extends Error {}

/**
 * Reads a context as `docker build` sends it: every folder and regular file, less what
 * `.dockerignore` excludes (never the Dockerfile nor `.dockerignore` itself, as the CLI keeps
 * them). Links and special files are refused rather than packed or skipped: a link would be
 * followed on the engine's side by COPY, and skipping it would build something else than the
 * folder shows. Ignored entries are not looked at, so a link in an ignored folder is fine.
 */
export async function readBuildContext(place: BuildPlace): Promise<BuildContext> {
  const excluded = await ignoredBy(place)
  const entries: ContextEntry[] = []
  let bytes = 0
  const walk = async (relative: string): Promise<void> => {
    const names = (await readdir(join(place.dir, relative))).sort()
    for (const name of names) {
      const path = relative === '' ? name : `${relative}/${name}`
      const ignored = excluded(path)
      const stat = await lstat(join(place.dir, path))
      if (stat.isDirectory()) {
        if (ignored.skipFolder) continue
        if (!ignored.entry) entries.push({ path, type: 'directory', mode: stat.mode, size: 0 })
        await walk(path)
      } else if (!ignored.entry) {
        if (!stat.isFile()) {
          const what = stat.isSymbolicLink() ? 'a link' : 'not a file or folder'
          throw new ContextProblem(
            `${path} in the build context is ${what}: stacks pack files and folders only ` +
              '(copy the file in, or list it in .dockerignore)',
          )
        }
        bytes += stat.size
        entries.push({ path, type: 'file', mode: stat.mode, size: stat.size })
      }
      if (entries.length > MAX_ENTRIES || bytes > MAX_BYTES) {
        throw new ContextProblem(
          `the build context holds more than ${MAX_ENTRIES} entries or 4 GiB: list what the build does not need in .dockerignore`,
        )
      }
    }
  }
  await walk('')
  const dockerfile = entries.find((entry) => entry.path === place.dockerfile)
  if (dockerfile?.type !== 'file') {
    throw new ContextProblem(`no file ${place.dockerfile} in the build context`)
  }
  return { place, entries, digest: await contextDigest(place, entries) }
}

interface Exclusion {
  /** The entry itself is left out. */
  entry: boolean
  /** A folder left out with all in it: no `!` exception could bring anything in it back. */
  skipFolder: boolean
}

async function ignoredBy(place: BuildPlace): Promise<(path: string) => Exclusion> {
  let text: string
  try {
    text = await readFile(join(place.dir, '.dockerignore'), 'utf8')
  } catch {
    return () => ({ entry: false, skipFolder: false })
  }
  const patterns = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !/^\s*#/.test(line))
  const rules = dockerignore().add(patterns)
  const exceptions = patterns.some((pattern) => pattern.trim().startsWith('!'))
  const kept = new Set([place.dockerfile, '.dockerignore'])
  return (path) => {
    const entry = !kept.has(path) && rules.ignores(path)
    return { entry, skipFolder: entry && !exceptions }
  }
}

async function contextDigest(place: BuildPlace, entries: readonly ContextEntry[]): Promise<string> {
  const hash = createHash('sha256')
  hash.update(
    canonicalJson({ dockerfile: place.dockerfile, args: place.args, target: place.target ?? null }),
  )
  for (const entry of entries) {
    hash.update(`\n${entry.type} ${(entry.mode & 0o7777).toString(8)} ${entry.path} `)
    if (entry.type === 'file') {
      const file = await openEntry(place, entry)
      try {
        const content = createHash('sha256')
        await pipeline(file.createReadStream({ autoClose: false }), content)
        hash.update(content.digest('hex'))
      } finally {
        await file.close()
      }
    }
  }
  return hash.digest('hex')
}

/** A file of the context, opened without following a link (it was a file when read). */
function openEntry(place: BuildPlace, entry: ContextEntry) {
  return open(join(place.dir, entry.path), constants.O_RDONLY | constants.O_NOFOLLOW)
}

/**
 * The context as the tar `POST /build` reads, streamed: folders and files in the order read,
 * owned by root as the docker CLI sends them, with their permission bits.
 */
export function packContext(context: BuildContext): Readable {
  const archive = pack()
  const fill = async () => {
    for (const entry of context.entries) {
      const mode = entry.mode & 0o7777
      if (entry.type === 'directory') {
        archive.entry({ name: `${entry.path}/`, type: 'directory', mode, uid: 0, gid: 0 })
        continue
      }
      const file = await openEntry(context.place, entry)
      try {
        const sink = archive.entry({ name: entry.path, size: entry.size, mode, uid: 0, gid: 0 })
        await pipeline(file.createReadStream({ autoClose: false }), sink)
      } finally {
        await file.close()
      }
    }
    archive.finalize()
  }
  fill().catch((err: unknown) => {
    archive.destroy(err instanceof Error ? err : new Error(String(err)))
  })
  return Readable.from(archive as AsyncIterable<Buffer>)
}
