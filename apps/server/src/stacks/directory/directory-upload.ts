import type { Readable } from 'node:stream'
import { type Header, extract } from 'tar-stream'
import { ApiError } from '../../platform/errors.ts'
import { decompressed } from '../../platform/tar-inspection.ts'
import { type Staging, entrySegments } from './directory-staging.ts'

/** Entry types an upload into a stack's folder may carry. */
const FILE_TYPES = new Set<Header['type']>(['file', 'contiguous-file'])

/**
 * Unpacks a tar (plain or gzip) into the staging folder under `base`, entry by entry: files and
 * folders only. A link (symbolic or hard), a device, a fifo, an absolute name or a `..` is a 400
 * naming the entry, and the whole upload is dropped (nothing reaches the stack's folder).
 */
export async function stageArchive(
  source: Readable,
  base: readonly string[],
  staging: Staging,
): Promise<void> {
  const parser = extract()
  try {
    const plain = await decompressed(source)
    plain.on('error', (error) => {
      parser.destroy(error)
    })
    plain.pipe(parser)
    for await (const entry of parser) {
      // tar-stream types entries' chunks as unknown: they are Buffers.
      const { header } = entry
      const type = header.type ?? 'file'
      if (type === 'directory') {
        const segments = entrySegments(base, header.name)
        // `./`, the folder the archive was made from: it is the base folder itself.
        if (segments.length > base.length) staging.addDirectory(segments)
        entry.resume()
      } else if (FILE_TYPES.has(type)) {
        await staging.addFile(
          entrySegments(base, header.name),
          entry as AsyncIterable<Uint8Array>,
          {
            declaredSize: header.size ?? 0,
            executable: ((header.mode ?? 0) & 0o100) !== 0,
          },
        )
      } else {
        throw new ApiError(
          400,
          'invalid_request',
          `body: "${header.name}" is a ${type.replace('-', ' ')}; an upload into a stack's folder may hold files and folders only`,
        )
      }
    }
  } catch (error) {
    parser.destroy()
    source.destroy()
    if (error instanceof ApiError) throw error
    throw new ApiError(
      400,
      'invalid_request',
      `body: not a readable tar archive (${error instanceof Error ? error.message : String(error)})`,
    )
  }
}
