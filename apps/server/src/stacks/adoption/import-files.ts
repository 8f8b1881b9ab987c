import { constants } from 'node:fs'
import { open, readlink, realpath } from 'node:fs/promises'
import { isAbsolute, sep } from 'node:path'

/** A file read for adoption, or why it was not. */
export type ImportRead = { ok: true; text: string } | { ok: false; why: string }

/**
 * Reads a file a compose CLI project's labels name, for adoption. Anyone who can create a
 * container chooses those labels, so the path is untrusted: it must be absolute, resolve (links
 * followed) inside one of the directories the admin allowed, and be a regular file of at most
 * `maxBytes`. It is opened without following a last link and without blocking (a FIFO cannot
 * hang us), and the file actually opened is checked again through `/proc/self/fd`, so a link
 * swapped in between the check and the open cannot lead elsewhere.
 */
export async function readImportFile(
  path: string,
  allowedDirs: readonly string[],
  maxBytes: number,
): Promise<ImportRead> {
  if (!isAbsolute(path) || path.includes('\0')) return refused('not an absolute path')
  const roots = await realRoots(allowedDirs)
  let real: string
  try {
    real = await realpath(path)
  } catch {
    return refused('no such file')
  }
  if (!inside(real, roots)) return refused('not in a directory allowed for import')
  let handle
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch {
    return refused('cannot be opened')
  }
  try {
    const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => '')
    if (!inside(opened, roots)) return refused('not in a directory allowed for import')
    const stat = await handle.stat()
    if (!stat.isFile()) return refused('not a regular file')
    if (stat.size > maxBytes) return refused(`larger than ${maxBytes} bytes`)
    const buffer = Buffer.alloc(maxBytes + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > maxBytes) return refused(`larger than ${maxBytes} bytes`)
    return { ok: true, text: buffer.subarray(0, bytesRead).toString('utf8') }
  } finally {
    await handle.close()
  }
}

const refused = (why: string): ImportRead => ({ ok: false, why })

/** The allowed directories as they really are (links resolved); missing ones allow nothing. */
async function realRoots(dirs: readonly string[]): Promise<string[]> {
  const roots = await Promise.all(dirs.map((dir) => realpath(dir).catch(() => undefined)))
  return roots.filter((root) => root !== undefined)
}

function inside(path: string, roots: readonly string[]): boolean {
  return path !== '' && roots.some((root) => path.startsWith(root === sep ? root : root + sep))
}
