import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import { extract } from 'tar-stream'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import { EngineNotFoundError } from '../errors.ts'
import { readEngineError } from '../response-body.ts'
import { asNumber, asObject, asString } from '../wire/wire-read.ts'
import { enc } from './containers-api.ts'

export type PathKind = 'file' | 'directory' | 'symlink' | 'device' | 'pipe' | 'socket' | 'other'

/** A file's metadata inside a container, from the `X-Docker-Container-Path-Stat` header. */
export interface PathStat {
  name: string
  size: number
  /** POSIX permission bits (0o755). */
  permissions: number
  kind: PathKind
  mtime: string
  linkTarget: string
}

export interface DirectoryEntry {
  name: string
  kind: PathKind
  size: number
  permissions: number
  mtime: string
  linkTarget: string
}

/** Entries listed at most; a directory beyond that is cut off and says so. */
const MAX_ENTRIES = 5000

/** Files inside containers through the archive endpoints (docs/engine.md#archive). */
export class ArchiveApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  async stat(id: string, path: string, options: CallOptions = {}): Promise<PathStat> {
    const spec = { method: 'HEAD' as const, path: archivePath(id), query: { path } }
    // HEAD errors have no body: a 404 must still name the path.
    try {
      const res = await this.#client.stream(spec, { timeoutMs: 30_000, ...options })
      res.resume()
      return decodeStat(res)
    } catch (err) {
      if (err instanceof EngineNotFoundError) {
        throw new EngineNotFoundError(404, `Could not find the file ${path} in container ${id}`)
      }
      throw err
    }
  }

  /** A tar of the file or folder at `path`; destroy the stream to stop the engine's work. */
  async get(
    id: string,
    path: string,
    options: CallOptions = {},
  ): Promise<{ stat: PathStat; tar: IncomingMessage }> {
    const tar = await this.#client.stream(
      { method: 'GET', path: archivePath(id), query: { path } },
      options,
    )
    return { stat: decodeStat(tar), tar }
  }

  /**
   * The content of a small regular file, for the server to read (a container's /etc/passwd).
   * `content` is absent when `path` is not a regular file (a symlink's target is in `stat`) or is
   * larger than `maxBytes`: the caller decides what that means.
   */
  async readFile(
    id: string,
    path: string,
    options: CallOptions & { maxBytes: number },
  ): Promise<{ stat: PathStat; content?: Buffer }> {
    const { stat, tar } = await this.get(id, path, options)
    if (stat.kind !== 'file' || stat.size > options.maxBytes) {
      tar.destroy()
      return { stat }
    }
    return { stat, content: await readFirstEntry(tar, options.maxBytes) }
  }

  /** Extracts a tar into the existing directory `path`. */
  async put(
    id: string,
    path: string,
    tar: Readable | Buffer,
    options: CallOptions & { noOverwriteDirNonDir?: boolean } = {},
  ): Promise<void> {
    const res = await this.#client.stream(
      {
        method: 'PUT',
        path: archivePath(id),
        query: { path, noOverwriteDirNonDir: options.noOverwriteDirNonDir },
        body: tar,
        // Without this type the engine parses the body as a form and extracts nothing (docs/engine.md#archive).
        contentType: 'application/x-tar',
      },
      options,
    )
    if ((res.statusCode ?? 0) >= 400) throw await readEngineError(res)
    res.resume()
  }

  /** Lists the direct children of a directory by reading its tar headers. */
  async list(
    id: string,
    path: string,
    options: CallOptions = {},
  ): Promise<{ entries: DirectoryEntry[]; truncated: boolean }> {
    const dir = path.endsWith('/') ? path : `${path}/`
    const { stat, tar } = await this.get(id, `${dir}.`, options)
    if (stat.kind !== 'directory') {
      tar.destroy()
      return { entries: [], truncated: false }
    }
    return readDirectoryTar(tar)
  }
}

function archivePath(id: string): string {
  return `/containers/${enc(id)}/archive`
}

/** The body of the tar's first member, at most `maxBytes` (the stat said it is smaller). */
function readFirstEntry(tar: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parser = extract()
    let done = false
    parser.on('entry', (_header, body, next) => {
      const chunks: Buffer[] = []
      let size = 0
      body.on('data', (data: unknown) => {
        const chunk = data as Buffer
        size += chunk.length
        if (size - chunk.length < maxBytes) chunks.push(chunk)
      })
      body.on('end', () => {
        if (!done) {
          done = true
          resolve(Buffer.concat(chunks).subarray(0, maxBytes))
          tar.destroy()
          parser.destroy()
        }
        next()
      })
    })
    parser.on('finish', () => {
      if (!done) resolve(Buffer.alloc(0))
    })
    const fail = (err: Error) => {
      if (!done) reject(err)
    }
    parser.on('error', fail)
    tar.on('error', fail)
    tar.pipe(parser)
  })
}

function readDirectoryTar(
  tar: IncomingMessage,
): Promise<{ entries: DirectoryEntry[]; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const entries: DirectoryEntry[] = []
    const parser = extract()
    let truncated = false
    parser.on('entry', (header, body, next) => {
      // `dir/.` yields members named "./child" and "./child/grandchild": keep depth one.
      const name = header.name.replace(/^\.\//, '').replace(/\/$/, '')
      if (name !== '' && name !== '.' && !name.includes('/')) {
        if (entries.length >= MAX_ENTRIES) {
          truncated = true
          tar.destroy()
          parser.destroy()
          resolve({ entries, truncated })
          return
        }
        entries.push(toEntry(name, header))
      }
      body.on('end', next)
      body.resume()
    })
    parser.on('finish', () => {
      resolve({ entries, truncated })
    })
    // Once truncated we destroyed both streams ourselves: their errors are expected then.
    const fail = (err: Error) => {
      if (!truncated) reject(err)
    }
    parser.on('error', fail)
    tar.on('error', fail)
    tar.pipe(parser)
  })
}

function toEntry(
  name: string,
  header: {
    type?: string | null
    size?: number
    mode?: number
    mtime?: Date
    linkname?: string | null
  },
): DirectoryEntry {
  const kinds: Record<string, PathKind> = {
    file: 'file',
    directory: 'directory',
    symlink: 'symlink',
    'character-device': 'device',
    'block-device': 'device',
    fifo: 'pipe',
  }
  return {
    name,
    kind: kinds[header.type ?? 'file'] ?? 'other',
    size: header.size ?? 0,
    permissions: (header.mode ?? 0) & 0o7777,
    mtime: header.mtime?.toISOString() ?? '',
    linkTarget: header.linkname ?? '',
  }
}

/**
 * The stat header is base64 JSON whose `mode` is Go's os.FileMode: permissions in the low bits,
 * the type in high bits (1<<31 directory, 1<<27 symlink; docs/engine.md#archive).
 */
export function decodeStat(res: IncomingMessage): PathStat {
  const header = res.headers['x-docker-container-path-stat']
  const text = Buffer.from(typeof header === 'string' ? header : '', 'base64').toString('utf8')
  const doc = asObject(text === '' ? {} : JSON.parse(text))
  const mode = asNumber(doc.mode)
  return {
    name: asString(doc.name),
    size: asNumber(doc.size),
    permissions: mode & 0o777,
    kind: kindOfMode(mode),
    mtime: asString(doc.mtime),
    linkTarget: asString(doc.linkTarget),
  }
}

function kindOfMode(mode: number): PathKind {
  const bit = (n: number) => Math.floor(mode / 2 ** n) % 2 === 1
  if (bit(31)) return 'directory'
  if (bit(27)) return 'symlink'
  if (bit(26)) return 'device'
  if (bit(25)) return 'pipe'
  if (bit(24)) return 'socket'
  return 'file'
}
