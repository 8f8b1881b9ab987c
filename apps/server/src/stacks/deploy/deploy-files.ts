import { buffer } from 'node:stream/consumers'
import { pack } from 'tar-stream'
import type { Operation } from '../operations/stack-operations.ts'
import type { LoadedFile } from '../stack-project.ts'

/**
 * Copies a service's secrets and configs into a container it has just created, before its first
 * start: one tar extracted at `/` through the engine's archive API (`PUT /containers/{id}/archive`),
 * so it works the same on a local socket and on a remote host, where the server's files are not
 * on the engine's host to bind. The engine makes missing folders on the way (root's, 0755) and
 * extracts inside the container's root, so a target cannot land outside it.
 */
export async function copyStackFiles(
  op: Operation,
  containerId: string,
  files: readonly LoadedFile[],
): Promise<void> {
  await op.engine.archive.put(containerId, '/', await tarOf(files), { signal: op.signal })
}

/** Only the files: no folder entries, which would change an existing folder's owner and mode. */
function tarOf(files: readonly LoadedFile[]): Promise<Buffer> {
  const archive = pack()
  const mtime = new Date()
  for (const file of files) {
    archive.entry(
      {
        name: file.target.replace(/^\/+/, ''),
        mode: file.mode,
        uid: file.uid,
        gid: file.gid,
        mtime,
      },
      file.content,
    )
  }
  archive.finalize()
  return buffer(archive)
}
