import type { Header } from 'tar-stream'
import { ApiError } from '../platform/errors.ts'
import type { TarInspector } from '../platform/tar-inspection.ts'

/** Entry types an upload may carry: what a user puts in a container is files and folders. */
const ACCEPTED = new Set<Header['type']>(['file', 'contiguous-file', 'directory', 'symlink'])

/**
 * Uploaded archives hold files, folders and symbolic links only. A hard link names another path
 * in the container (`/etc/shadow`), which the engine answers with a 500; device nodes and fifos
 * would be created by the engine as root. Either is refused as a 400 naming the entry, before the
 * entry reaches the engine (entries before it are already written).
 */
export const uploadEntries: TarInspector = {
  entry(header) {
    const type = header.type ?? 'file'
    if (!ACCEPTED.has(type)) {
      throw new ApiError(
        400,
        'invalid_request',
        `body: "${header.name}" is a ${type.replace('-', ' ')}; uploads may hold files, folders and symbolic links only`,
      )
    }
    return 0
  },
}
