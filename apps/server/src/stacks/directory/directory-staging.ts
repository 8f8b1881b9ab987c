import { constants, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError } from '../../platform/errors.ts'
import { directoryBytes } from './directory-listing.ts'
import {
  STAGING_PREFIX,
  assertWritable,
  joinSegments,
  lstatOrUndefined,
  pathSegments,
  walkFolders,
} from './directory-paths.ts'

export interface DirectoryLimits {
  fileBytes: number
  directoryBytes: number
}

export interface StagedEntry {
  segments: string[]
  kind: 'file' | 'directory'
  size: number
  /** The file's content, unpacked in the staging folder. */
  staged?: string
}

/**
 * An upload unpacked into a staging folder inside the stack's directory, then moved into place
 * only once every entry passed its checks: a refused entry leaves the directory as it was.
 * Files are 0600 (0700 when the archive marked them executable for their owner, so a build
 * context's scripts still run), folders 0700: secrets live here.
 */
export class Staging {
  readonly #dir: string
  readonly #limits: DirectoryLimits
  readonly #path: string
  readonly #entries = new Map<string, StagedEntry>()
  #bytes = 0
  #count = 0

  constructor(dir: string, limits: DirectoryLimits) {
    this.#dir = dir
    this.#limits = limits
    this.#path = mkdtempSync(join(dir, STAGING_PREFIX))
  }

  /** Every entry, folders first (a tar may name a folder after its files). */
  get entries(): StagedEntry[] {
    const all = [...this.#entries.values()]
    return [...all.filter((e) => e.kind === 'directory'), ...all.filter((e) => e.kind === 'file')]
  }

  addDirectory(segments: string[]): void {
    assertWritable(segments)
    this.#entries.set(joinSegments(segments), { segments, kind: 'directory', size: 0 })
  }

  /** Streams one file's content into the staging folder, within the limits (a 413 naming them). */
  async addFile(
    segments: string[],
    content: AsyncIterable<Uint8Array>,
    options: { declaredSize?: number; executable?: boolean } = {},
  ): Promise<void> {
    assertWritable(segments)
    const shown = joinSegments(segments)
    if ((options.declaredSize ?? 0) > this.#limits.fileBytes) throw this.#fileTooLarge(shown)
    const staged = join(this.#path, String(++this.#count))
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW
    const handle = await open(staged, flags, options.executable === true ? 0o700 : 0o600)
    let size = 0
    try {
      for await (const chunk of content) {
        size += chunk.byteLength
        this.#bytes += chunk.byteLength
        if (size > this.#limits.fileBytes) throw this.#fileTooLarge(shown)
        if (this.#bytes > this.#limits.directoryBytes) throw this.#directoryTooLarge()
        await handle.write(chunk)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    this.#entries.set(shown, { segments, kind: 'file', size, staged })
  }

  /**
   * Checks every entry against the others and against the directory as it is, then moves them
   * into place. Synchronous from the first check to the last rename, so nothing else the server
   * does (a deploy's claim, another upload) comes in between; `before` runs first (the deploy
   * guard).
   */
  commit(before: () => void): StagedEntry[] {
    before()
    const entries = this.entries
    this.#checkAgainstEachOther(entries)
    let replaced = 0
    for (const entry of entries) replaced += this.#checkPlacement(entry)
    const added = entries.reduce((sum, e) => sum + e.size, 0)
    if (directoryBytes(this.#dir) - replaced + added > this.#limits.directoryBytes) {
      throw this.#directoryTooLarge()
    }
    for (const entry of entries) {
      if (entry.kind === 'directory') walkFolders(this.#dir, entry.segments, true)
      else {
        const parent = walkFolders(this.#dir, entry.segments.slice(0, -1), true)
        renameSync(entry.staged ?? '', join(parent, entry.segments.at(-1) ?? ''))
      }
    }
    return entries
  }

  discard(): void {
    rmSync(this.#path, { recursive: true, force: true })
  }

  /** A file named as a folder of another entry (`a` and `a/b`) cannot both be written. */
  #checkAgainstEachOther(entries: readonly StagedEntry[]): void {
    const files = new Set(
      entries.filter((e) => e.kind === 'file').map((e) => joinSegments(e.segments)),
    )
    for (const entry of entries) {
      for (let depth = 1; depth <= entry.segments.length; depth++) {
        const prefix = joinSegments(entry.segments.slice(0, depth))
        const isSelf = depth === entry.segments.length
        if (files.has(prefix) && !(isSelf && entry.kind === 'file')) {
          throw new ApiError(400, 'invalid_request', `body: ${prefix} is both a file and a folder`)
        }
      }
    }
  }

  /**
   * What is on disk where the entry goes: folders on the way may be missing (they are made) but
   * never links or files; a file may replace a file or a link (never followed), not a folder.
   * @returns the bytes of the file it replaces.
   */
  #checkPlacement(entry: StagedEntry): number {
    const shown = joinSegments(entry.segments)
    let path = this.#dir
    for (const [index, segment] of entry.segments.entries()) {
      path = join(path, segment)
      const stat = lstatOrUndefined(path)
      if (!stat) return 0
      const here = joinSegments(entry.segments.slice(0, index + 1))
      const last = index === entry.segments.length - 1
      if (last && entry.kind === 'file') {
        if (stat.isDirectory()) throw new ApiError(409, 'conflict', `${shown} is a folder`)
        return stat.isFile() ? stat.size : 0
      }
      if (stat.isSymbolicLink()) {
        throw new ApiError(
          400,
          'invalid_request',
          `${here} is a link: links are never followed here`,
        )
      }
      if (!stat.isDirectory())
        throw new ApiError(409, 'conflict', `${here} is a file, not a folder`)
    }
    return 0
  }

  #fileTooLarge(shown: string): ApiError {
    const limit = this.#limits.fileBytes
    return new ApiError(
      413,
      'payload_too_large',
      `${shown}: larger than ${describeBytes(limit)}, the most one file of a stack's folder may hold (HARBORMASTER_STACK_FILE_MAX_BYTES)`,
    )
  }

  #directoryTooLarge(): ApiError {
    const limit = this.#limits.directoryBytes
    return new ApiError(
      413,
      'payload_too_large',
      `The stack's folder would hold more than ${describeBytes(limit)} (HARBORMASTER_STACK_DIR_MAX_BYTES)`,
    )
  }
}

/** A path for an entry `name` placed under the folder `base` (both relative, checked). */
export function entrySegments(base: readonly string[], name: string): string[] {
  return [...base, ...pathSegments(name, 'body: entry')]
}

function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}
