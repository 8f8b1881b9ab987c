import { type Dirent, type Stats, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { MANAGED_STACK_FILES, type StackDirectoryEntry } from '@harbormaster/contract'
import { STAGING_PREFIX, isCode } from './directory-paths.ts'

/** Entries listed at most: a listing is a page to read, not a backup. */
export const MAX_LISTED_ENTRIES = 5000

export interface DirectoryWalk {
  entries: StackDirectoryEntry[]
  truncated: boolean
}

/**
 * Every file and folder below `dir`, folders before their content, by name. Links are listed as
 * links (lstat), never followed. A directory that does not exist yet lists as empty.
 */
export function listDirectory(dir: string, limit = MAX_LISTED_ENTRIES): DirectoryWalk {
  const entries: StackDirectoryEntry[] = []
  let truncated = false
  const visit = (path: string, prefix: string) => {
    for (const child of childrenOf(path)) {
      if (entries.length >= limit) {
        truncated = true
        return
      }
      const relative = prefix === '' ? child.name : `${prefix}/${child.name}`
      const stat = lstatSync(join(path, child.name))
      entries.push(toEntry(relative, stat))
      if (stat.isDirectory()) visit(join(path, child.name), relative)
    }
  }
  visit(dir, '')
  return { entries, truncated }
}

/** The bytes of every regular file below `dir` (links count as nothing: they are not followed). */
export function directoryBytes(dir: string): number {
  let total = 0
  const visit = (path: string) => {
    for (const child of childrenOf(path)) {
      const stat = lstatSync(join(path, child.name))
      if (stat.isDirectory()) visit(join(path, child.name))
      else if (stat.isFile()) total += stat.size
    }
  }
  visit(dir)
  return total
}

/** A folder's children by name, without upload staging folders; none when it is gone. */
function childrenOf(path: string): Dirent[] {
  let children: Dirent[]
  try {
    children = readdirSync(path, { withFileTypes: true })
  } catch (err) {
    if (isCode(err, 'ENOENT')) return []
    throw err
  }
  return children
    .filter((child) => !child.name.startsWith(STAGING_PREFIX))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function toEntry(path: string, stat: Stats): StackDirectoryEntry {
  return {
    path,
    kind: stat.isSymbolicLink()
      ? 'symlink'
      : stat.isDirectory()
        ? 'directory'
        : stat.isFile()
          ? 'file'
          : 'other',
    size: stat.isFile() ? stat.size : 0,
    mode: stat.mode & 0o7777,
    mtime: stat.mtime.toISOString(),
    managed: (MANAGED_STACK_FILES as readonly string[]).includes(path),
  }
}
