import {
  type BindPrefix,
  isAtOrBelow,
  normaliseHostPath,
  parseBindPrefix,
} from '@harbormaster/contract'

/**
 * Which host paths a non-admin may bind (issue 9, and the symlink class of the security review).
 *
 * The engine resolves a bind's source on the host when the container starts, following links in
 * every component, so a check made earlier is only sound if no operator can write into any
 * directory that path crosses. Operators write on the host only through writable entries (bound
 * exactly, never crossed by another bind) and through places the engine keeps (its data root,
 * runtime directories): those are never bindable. Everything else on the path was put there by
 * the host or an admin, and is trusted.
 */
export interface HostPathRules {
  /** The admin's entries for this host: `/srv/data` (read-only, and below) or `/srv/app:rw`. */
  allowedBindPrefixes: readonly string[]
  /** Where containers write on this host by other means (the engine's data root): never bound. */
  engineOwnedPaths?: readonly string[]
  /** This engine's own sockets (the host's unix:// address): never bound, nor a folder above. */
  engineSockets?: readonly string[]
}

/** How a bind asks for its source. */
export interface BindAccess {
  /** Which setting asks: the refusal says how to ask read-only in its words. */
  form: 'binds' | 'mounts'
  readOnly: boolean
  /** `z`/`Z`: the engine relabels the files on the host, a write. */
  relabels: boolean
}

/**
 * Places every engine host has where containers write by other means than a bind: kernel and
 * runtime file systems, and the default data roots of Docker, containerd (its snapshots hold
 * container root file systems with Docker's containerd image store) and Podman.
 */
export const ENGINE_OWNED_PATHS = [
  '/proc',
  '/sys',
  '/dev',
  '/run',
  '/var/run',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/containers',
]
/** A socket gives whoever reaches it the engine, read-only mount or not (connect ignores it). */
const ENGINE_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/podman/podman.sock',
  '/run/podman/podman.sock',
]

/**
 * Why this host path may not be bound with this access, or undefined when it may. The path is
 * compared in its canonical form; `..` is never allowed (it is resolved after the links before
 * it), nor `/`, nor a relative path.
 */
export function hostPathRefusal(
  source: string,
  access: BindAccess,
  rules: HostPathRules,
): string | undefined {
  const path = normaliseHostPath(source)
  if (path === undefined || source.includes('\\'))
    return 'a host path must be absolute, without ".." or "\\"'
  if (path === '/') return 'the host root is never allowed'
  const owned = [...ENGINE_OWNED_PATHS, ...(rules.engineOwnedPaths ?? [])]
    .map(normaliseHostPath)
    .find((place) => place !== undefined && place !== '/' && isAtOrBelow(path, place))
  if (owned !== undefined) return `${owned} is the engine's (containers write there)`
  const socket = [...ENGINE_SOCKETS, ...(rules.engineSockets ?? [])]
    .map(normaliseHostPath)
    .find((place) => place !== undefined && isAtOrBelow(place, path))
  if (socket !== undefined) return `the engine's socket ${socket} is never allowed`
  return entryRefusal(path, access, entriesOf(rules))
}

function entriesOf(rules: HostPathRules): BindPrefix[] {
  return rules.allowedBindPrefixes.flatMap((entry) => parseBindPrefix(entry) ?? [])
}

function entryRefusal(
  path: string,
  access: BindAccess,
  entries: readonly BindPrefix[],
): string | undefined {
  const writable = entries.filter((entry) => entry.writable)
  const crossed = writable.find((entry) => path !== entry.path && isAtOrBelow(path, entry.path))
  if (crossed !== undefined) {
    return `${path} lies within ${crossed.path}, which is writable: only ${crossed.path} itself may be bound`
  }
  if (writable.some((entry) => entry.path === path)) return undefined
  const readOnly = entries.find((entry) => !entry.writable && isAtOrBelow(path, entry.path))
  if (readOnly === undefined) return `${path} is not under a path the admin allowed on this host`
  if (!access.readOnly) {
    const how = access.form === 'binds' ? 'add :ro' : 'set readOnly: true'
    return `${readOnly.path} is allowed read-only: ${how}`
  }
  if (access.relabels) return `${readOnly.path} is allowed read-only: z and Z relabel host files`
  return undefined
}
