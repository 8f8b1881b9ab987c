import { lstatSync, mkdirSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import { MANAGED_STACK_FILES } from '@harbormaster/contract'
import { ApiError } from '../../platform/errors.ts'

/**
 * Where an upload is unpacked before it is moved into place: a folder of the stack's directory
 * (same filesystem, so the moves are renames). Hidden from listings and closed to writes.
 */
export const STAGING_PREFIX = '.hm-upload-'

/** The longest name of one file or folder most filesystems take. */
const MAX_SEGMENT_BYTES = 255

/**
 * A path inside the stack's directory as its folder names: relative, no `..` (even one that
 * stays inside: a path means what it says in the audit log), no NUL or backslash; `.` and empty
 * segments dropped. `[]` is the directory itself. A 400 naming `what` otherwise.
 */
export function pathSegments(relative: string, what = 'path'): string[] {
  const refuse = (why: string) =>
    new ApiError(400, 'invalid_request', `${what} ${JSON.stringify(relative)}: ${why}`)
  if (relative.includes('\0')) throw refuse('contains a NUL byte')
  if (relative.includes('\\')) throw refuse('expected / between folders, not \\')
  if (relative.startsWith('/')) {
    throw refuse("expected a path inside the stack's folder, not an absolute path")
  }
  const segments = relative.split('/').filter((segment) => segment !== '' && segment !== '.')
  if (segments.includes('..')) throw refuse('path traversal ("..") is not allowed')
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
    throw refuse(`a name longer than ${MAX_SEGMENT_BYTES} bytes`)
  }
  return segments
}

export const joinSegments = (segments: readonly string[]) => segments.join('/')

/**
 * Refuses a path these routes must not write, move or remove: the directory itself, the files the
 * server writes from the stack's versions (a 409 naming them), and upload staging folders.
 */
export function assertWritable(segments: readonly string[]): void {
  const [first = ''] = segments
  if (segments.length === 0) {
    throw new ApiError(
      400,
      'invalid_request',
      "path: expected a file or folder inside the stack's folder",
    )
  }
  if (segments.length === 1 && (MANAGED_STACK_FILES as readonly string[]).includes(first)) {
    throw new ApiError(
      409,
      'conflict',
      `${first} is written from the stack's saved versions: change it in the editor, not here`,
    )
  }
  const staging = segments.find((segment) => segment.startsWith(STAGING_PREFIX))
  if (staging !== undefined) {
    throw new ApiError(
      409,
      'conflict',
      `${staging}: names starting ${STAGING_PREFIX} are the server's`,
    )
  }
}

/**
 * Walks `folders` from `dir` one level at a time with lstat: each must be a folder of its own. A
 * link is refused (400), never followed, so no path leads out of the stack's directory; a file
 * on the way is a 409. A missing folder is made (0700) when `create`, else a 404.
 * @returns the last folder's path on disk.
 */
export function walkFolders(dir: string, folders: readonly string[], create: boolean): string {
  let path = dir
  for (const [index, segment] of folders.entries()) {
    path = join(path, segment)
    const shown = joinSegments(folders.slice(0, index + 1))
    let stat = lstatOrUndefined(path)
    if (!stat && create) {
      mkdirSync(path, { mode: 0o700 })
      stat = lstatSync(path)
    }
    if (!stat) throw new ApiError(404, 'not_found', `No folder ${shown} in the stack's folder`)
    if (stat.isSymbolicLink()) {
      throw new ApiError(
        400,
        'invalid_request',
        `${shown} is a link: links are never followed here`,
      )
    }
    if (!stat.isDirectory()) throw new ApiError(409, 'conflict', `${shown} is a file, not a folder`)
  }
  return path
}

/** What is at `segments` on disk (lstat, the last name not followed), walking folders first. */
export function lstatAt(dir: string, segments: readonly string[]): Stats | undefined {
  const parent = walkFolders(dir, segments.slice(0, -1), false)
  return lstatOrUndefined(join(parent, segments.at(-1) ?? ''))
}

export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return undefined
    throw err
  }
}

export function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code
}
