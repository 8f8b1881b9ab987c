import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { isAbsolute, join, posix, sep } from 'node:path'
import { ApiError } from '../platform/errors.ts'

/** The compose file and `.env` of a stack, as written in its directory. */
export const COMPOSE_FILE = 'compose.yaml'
export const ENV_FILE = '.env'

/**
 * A host id or stack name as a directory name: the contract's own shapes (lower-case letters,
 * digits, `-`, `_`, starting with a letter or digit), so no name is `.`, `..` or holds a `/`.
 */
const SEGMENT = /^[a-z0-9][a-z0-9_-]{0,62}$/

/** `<dataDir>/stacks`: every stack's directory is below it. */
export function stacksRoot(dataDir: string): string {
  return join(dataDir, 'stacks')
}

/** `<dataDir>/stacks/<hostId>/<name>`, after checking both are plain names. */
export function stackDirectory(dataDir: string, hostId: string, name: string): string {
  for (const segment of [hostId, name]) {
    if (!SEGMENT.test(segment)) throw new Error(`not a stack directory name: ${segment}`)
  }
  return join(stacksRoot(dataDir), hostId, name)
}

/**
 * Creates the stack's directory (0700) one level at a time and checks that each level is a
 * directory of its own, not a link, and that the result resolves to where it should: a link
 * planted anywhere on the way cannot make us write outside the stacks root.
 */
export function ensureStackDirectory(dataDir: string, hostId: string, name: string): string {
  const dir = stackDirectory(dataDir, hostId, name)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  for (const level of [stacksRoot(dataDir), join(stacksRoot(dataDir), hostId), dir]) {
    try {
      mkdirSync(level, { mode: 0o700 })
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err
    }
    const stat = lstatSync(level)
    if (!stat.isDirectory() || stat.isSymbolicLink()) {
      throw new Error(`${level} is not a directory of its own`)
    }
  }
  const expected = join(realpathSync(stacksRoot(dataDir)), hostId, name)
  if (realpathSync(dir) !== expected) throw new Error(`${dir} resolves outside the stacks root`)
  return dir
}

/**
 * Writes the stack's files, each atomically: a new file (never through a link: O_NOFOLLOW and
 * O_EXCL), synced, then renamed over the old one, so a reader (the planner, a crash) sees the
 * old text or the new one, never half. Mode 0600: the `.env` holds secrets, and so may the
 * compose file.
 */
export function writeStackFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const target = resolveStackPath(dir, file)
    const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`)
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW
    const fd = openSync(temp, flags, 0o600)
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    try {
      renameSync(temp, target)
    } catch (err) {
      unlinkSync(temp)
      throw err
    }
  }
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Removes a stack's directory and all in it (links are removed, never followed). */
export function removeStackDirectory(dataDir: string, hostId: string, name: string): void {
  const dir = stackDirectory(dataDir, hostId, name)
  try {
    if (lstatSync(dir).isSymbolicLink()) {
      unlinkSync(dir)
      return
    }
  } catch (err) {
    if (isCode(err, 'ENOENT')) return
    throw err
  }
  rmSync(dir, { recursive: true, force: true })
}

/**
 * A path a compose file names relative to its directory (`env_file`, a secret's or config's
 * `file`, a build context), inside the stack's directory: a 400 for an absolute path, a `..`
 * that leaves it, a backslash or a NUL. What exists there must resolve inside it too (no link
 * out): see readStackFile.
 */
export function resolveStackPath(dir: string, relative: string): string {
  const refuse = (why: string) =>
    new ApiError(400, 'invalid_request', `${JSON.stringify(relative)}: ${why}`)
  if (relative === '' || relative.includes('\0')) throw refuse('expected a file name')
  if (relative.includes('\\')) throw refuse('expected / between folders, not \\')
  if (posix.isAbsolute(relative) || isAbsolute(relative)) {
    throw refuse("expected a path inside the stack's folder, not an absolute path")
  }
  const normal = posix.normalize(relative)
  if (normal === '..' || normal.startsWith('../')) {
    throw refuse("expected a path inside the stack's folder")
  }
  return normal === '.' ? dir : join(dir, ...normal.split('/'))
}

/**
 * Reads a file of the stack's directory: the path is checked (resolveStackPath), must resolve
 * inside the directory once links are followed, is opened without following a last link, and
 * must be a regular file. A 400 otherwise, naming the path.
 */
export function readStackFile(dir: string, relative: string): Buffer {
  const path = resolveStackPath(dir, relative)
  const refuse = (why: string) =>
    new ApiError(400, 'invalid_request', `${JSON.stringify(relative)}: ${why}`)
  let real: string
  try {
    real = realpathSync(path)
  } catch (err) {
    if (isCode(err, 'ENOENT')) throw refuse("no such file in the stack's folder")
    throw err
  }
  const root = realpathSync(dir)
  if (real !== root && !real.startsWith(root + sep)) {
    throw refuse("a link that leads outside the stack's folder")
  }
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (err) {
    if (isCode(err, 'ELOOP')) throw refuse('a link, not a file')
    throw err
  }
  try {
    if (!fstatSync(fd).isFile()) throw refuse('not a file')
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code
}
