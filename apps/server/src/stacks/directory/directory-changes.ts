import { constants, mkdirSync, renameSync, rmSync } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import { join } from 'node:path'
import { MANAGED_STACK_FILES } from '@harbormaster/contract'
import { ApiError } from '../../platform/errors.ts'
import { directoryBytes } from './directory-listing.ts'
import {
  assertWritable,
  isCode,
  joinSegments,
  lstatOrUndefined,
  walkFolders,
} from './directory-paths.ts'

/** What a change did, for the audit log: paths and sizes, never content. */
export interface Removed {
  kind: 'file' | 'directory' | 'symlink' | 'other'
  size: number
}

/** Makes a folder (0700), and the folders on the way; a 409 when something is there already. */
export function makeFolder(dir: string, segments: readonly string[]): void {
  assertWritable(segments)
  const parent = walkFolders(dir, segments.slice(0, -1), true)
  const path = join(parent, segments.at(-1) ?? '')
  if (lstatOrUndefined(path)) {
    throw new ApiError(409, 'conflict', `${joinSegments(segments)} exists already`)
  }
  mkdirSync(path, { mode: 0o700 })
}

/** Renames or moves a file or folder inside the directory; never onto something that exists. */
export function moveEntry(dir: string, from: readonly string[], to: readonly string[]): void {
  assertWritable(from)
  assertWritable(to)
  const shownFrom = joinSegments(from)
  const shownTo = joinSegments(to)
  if (shownTo === shownFrom || shownTo.startsWith(`${shownFrom}/`)) {
    throw new ApiError(400, 'invalid_request', `to: ${shownTo} is ${shownFrom} or inside it`)
  }
  const source = join(walkFolders(dir, from.slice(0, -1), false), from.at(-1) ?? '')
  if (!lstatOrUndefined(source)) throw notFound(shownFrom)
  const target = join(walkFolders(dir, to.slice(0, -1), false), to.at(-1) ?? '')
  if (lstatOrUndefined(target)) throw new ApiError(409, 'conflict', `${shownTo} exists already`)
  renameSync(source, target)
}

/** Removes a file, a link (not what it leads to) or a folder with all in it. */
export function removeEntry(dir: string, segments: readonly string[]): Removed {
  assertWritable(segments)
  const path = join(walkFolders(dir, segments.slice(0, -1), false), segments.at(-1) ?? '')
  const stat = lstatOrUndefined(path)
  if (!stat) throw notFound(joinSegments(segments))
  const removed: Removed = stat.isSymbolicLink()
    ? { kind: 'symlink', size: 0 }
    : stat.isDirectory()
      ? { kind: 'directory', size: directoryBytes(path) }
      : { kind: stat.isFile() ? 'file' : 'other', size: stat.size }
  // rm never follows links, at the top or inside a folder.
  rmSync(path, { recursive: true, force: false })
  return removed
}

/**
 * Opens a file of the directory to read: folders on the way walked without links, the file
 * itself opened without following a link and without blocking (a FIFO cannot hang us), and it
 * must be a regular file. The compose file and `.env` are read through the stack's own routes,
 * where `.env` values are masked for whoever may not see them.
 */
export async function openForReading(
  dir: string,
  segments: readonly string[],
): Promise<{ handle: FileHandle; size: number }> {
  const shown = joinSegments(segments)
  if (segments.length === 0) throw new ApiError(400, 'invalid_request', 'path: expected a file')
  if (segments.length === 1 && (MANAGED_STACK_FILES as readonly string[]).includes(shown)) {
    throw new ApiError(409, 'conflict', `${shown}: read it through the stack's files (GET /files)`)
  }
  const path = join(walkFolders(dir, segments.slice(0, -1), false), segments.at(-1) ?? '')
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (err) {
    if (isCode(err, 'ENOENT')) throw notFound(shown)
    if (isCode(err, 'ELOOP')) {
      throw new ApiError(
        400,
        'invalid_request',
        `${shown} is a link: links are never followed here`,
      )
    }
    throw err
  }
  const stat = await handle.stat()
  if (!stat.isFile()) {
    await handle.close()
    throw new ApiError(400, 'invalid_request', `${shown} is not a file`)
  }
  return { handle, size: stat.size }
}

function notFound(shown: string): ApiError {
  return new ApiError(404, 'not_found', `No ${shown} in the stack's folder`)
}
