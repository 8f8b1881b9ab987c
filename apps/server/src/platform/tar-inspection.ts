import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { type Header, extract, pack } from 'tar-stream'

/** An entry's content as tar-stream gives it (a streamx stream). */
interface EntryContent {
  on(event: 'data' | 'end', listener: (chunk?: unknown) => void): unknown
}
import { ApiError } from './errors.ts'

/** What an archive is checked for, entry by entry, as it streams to the engine. */
export interface TarInspector {
  /**
   * Sees each entry's header before any byte of the entry is passed on; throws an ApiError to
   * stop the archive. Returns how many bytes of the entry's content to keep for `kept`.
   */
  entry(header: Header): number
  /** The kept content of an entry whose `entry` returned more than 0. */
  kept?(header: Header, content: Buffer): void
  /** Every entry is read: the archive's end reaches the engine only once this resolves. */
  finish?(): Promise<void>
}

export interface InspectedTar {
  /** The archive re-packed entry by entry: what the engine receives. */
  stream: Readable
  /** Why the archive was stopped: an inspector's refusal, or an unreadable archive (a 400). */
  refusal(): Error | undefined
}

/**
 * Re-packs an uploaded tar (plain or gzip) entry by entry, letting `inspector` refuse it. The
 * bytes are not forwarded as they came: the engine starts work (extracting, building) as soon as
 * it reads the archive's end-of-archive blocks, whether or not the HTTP body has ended, so the
 * end is written by us, and only after the last check passed. Entries stream through with their
 * back-pressure; only the content an inspector asks to keep is held in memory.
 */
export function inspectTar(source: Readable, inspector: TarInspector): InspectedTar {
  const output = pack()
  const parser = extract()
  let refusal: Error | undefined
  /** The inspector's own errors (refusals, engine errors of its checks) are passed on as they are. */
  const stop = (error: unknown) => {
    refusal ??= error instanceof Error ? error : new Error(String(error))
    output.destroy(refusal)
    parser.destroy()
    source.destroy()
  }
  const unreadable = (error: unknown) => {
    stop(
      error instanceof ApiError
        ? error
        : new ApiError(
            400,
            'invalid_request',
            `body: not a readable tar archive (${message(error)})`,
          ),
    )
  }
  parser.on('entry', (header, content, next) => {
    let keep: number
    try {
      keep = inspector.entry(header)
    } catch (error) {
      stop(error)
      return
    }
    const sink = output.entry(header, (error) => {
      if (error) unreadable(error)
      else next()
    })
    if (keep > 0) {
      keepContent(content, keep, (kept) => {
        inspector.kept?.(header, kept)
      })
    }
    content.pipe(sink)
  })
  parser.on('finish', () => {
    Promise.resolve(inspector.finish?.()).then(
      () => {
        output.finalize()
      },
      (error: unknown) => {
        stop(error)
      },
    )
  })
  parser.on('error', unreadable)
  decompressed(source).then(
    (plain) => {
      plain.on('error', unreadable)
      plain.pipe(parser)
    },
    (error: unknown) => {
      unreadable(error)
    },
  )
  return { stream: Readable.from(output), refusal: () => refusal }
}

function keepContent(content: EntryContent, limit: number, done: (kept: Buffer) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  content.on('data', (chunk) => {
    if (!Buffer.isBuffer(chunk) || size >= limit) return
    chunks.push(chunk.subarray(0, limit - size))
    size += Math.min(chunk.length, limit - size)
  })
  content.on('end', () => {
    done(Buffer.concat(chunks))
  })
}

const GZIP = Buffer.from([0x1f, 0x8b])
const BZIP2 = Buffer.from('BZh')
const XZ = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])

/**
 * The archive uncompressed. The engine also takes bzip2 and xz, which Node cannot read: those
 * are refused rather than passed on unchecked.
 */
export async function decompressed(source: Readable): Promise<Readable> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const head: Buffer[] = []
  let length = 0
  while (length < XZ.length) {
    const next = await iterator.next()
    if (next.done === true) break
    head.push(next.value)
    length += next.value.length
  }
  const start = Buffer.concat(head)
  async function* rest() {
    yield start
    for (;;) {
      const next = await iterator.next()
      if (next.done === true) return
      yield next.value
    }
  }
  const whole = Readable.from(rest(), { objectMode: false })
  if (start.subarray(0, 2).equals(GZIP)) {
    const gunzip = createGunzip()
    whole.on('error', (error) => {
      gunzip.destroy(error)
    })
    return whole.pipe(gunzip)
  }
  if (start.subarray(0, 3).equals(BZIP2) || start.subarray(0, 6).equals(XZ)) {
    throw new ApiError(
      400,
      'invalid_request',
      'body: bzip2 and xz archives cannot be checked here: send a plain or gzip tar',
    )
  }
  return whole
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
