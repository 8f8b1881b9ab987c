import { posix } from 'node:path'
import type { ContainerDetails } from '@harbormaster/engine'
import { EngineNotFoundError } from '@harbormaster/engine'
import { assertMayReachInside } from '../containers/index.ts'
import type { HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { may, parseExecUser, refusedExecSettings, resolvePasswdName } from '../policy/index.ts'

/** /etc/passwd is read whole; a real one is a few KiB. */
const PASSWD_MAX_BYTES = 1024 * 1024
/** Symlinks followed to reach /etc/passwd (some images link it elsewhere). */
const MAX_LINKS = 8

/**
 * Whether the caller may start this exec: not in a container with admin-only settings
 * (`container.reach-admin-only`), and not as uid 0 in any spelling (`container.exec.any-user`).
 * A user name is looked up in the container's /etc/passwd, read through the archive endpoint, as
 * the engine will. All of it happens before an exec exists.
 */
export async function assertMayExec(
  c: HostContext,
  container: ContainerDetails,
  user: string | undefined,
): Promise<void> {
  await assertMayReachInside(c, container, 'open a shell')
  if (may(c, 'container.exec.any-user')) return
  const spec = parseExecUser(user)
  const passwd = spec.kind === 'name' ? await readPasswd(c, container.id) : undefined
  if (spec.kind === 'name' && passwd !== undefined) {
    if (resolvePasswdName(passwd, spec.name).kind === 'unknown') {
      throw new ApiError(
        400,
        'invalid_request',
        `user: no user "${spec.name}" in the container's /etc/passwd`,
      )
    }
  }
  const refused = refusedExecSettings(user === undefined ? {} : { user }, passwd)
  if (refused.length > 0)
    throw new ApiError(403, 'forbidden', `Only an admin may use: ${refused.join(', ')}`)
}

/** The container's /etc/passwd, following symlinks; undefined when there is none to read. */
async function readPasswd(c: HostContext, id: string): Promise<Buffer | undefined> {
  let path = '/etc/passwd'
  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    const read = await c.var.engine.archive
      .readFile(id, path, { maxBytes: PASSWD_MAX_BYTES, signal: c.req.raw.signal })
      .catch((err: unknown) => {
        if (err instanceof EngineNotFoundError) return undefined
        throw err
      })
    if (!read) return undefined
    if (read.content) return read.content
    if (read.stat.kind !== 'symlink' || read.stat.linkTarget === '') return undefined
    path = posix.resolve(posix.dirname(path), read.stat.linkTarget)
  }
  return undefined
}
