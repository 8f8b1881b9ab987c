import { z } from 'zod'

/**
 * Host paths in bind mounts, and the host paths an admin allows operators to bind. Pure and
 * shared: the server's policy and the web forms read them the same way.
 */

/**
 * An absolute host path in its one canonical spelling (`//a/./b/` is `/a/b`), the way the engine
 * cleans it; undefined for a relative path, a `..` component (whose meaning depends on links
 * the engine follows) or a NUL byte.
 */
export function normaliseHostPath(path: string): string | undefined {
  if (!path.startsWith('/') || path.includes('\0')) return undefined
  const parts = path.split('/').filter((part) => part !== '' && part !== '.')
  if (parts.includes('..')) return undefined
  return `/${parts.join('/')}`
}

/** Whether `path` is `place` or lies below it (both canonical). */
export function isAtOrBelow(path: string, place: string): boolean {
  return path === place || place === '/' || path.startsWith(`${place}/`)
}

/**
 * One of a host's allowed bind paths: `/srv/data` lets operators bind that path or any below it,
 * read-only; `/srv/app:rw` lets them bind exactly that path, writable too, and nothing below it.
 */
export interface BindPrefix {
  path: string
  writable: boolean
}

const WRITABLE_SUFFIX = ':rw'

/** Reads an allowed entry; undefined when it is not `/absolute/path` or `/absolute/path:rw`. */
export function parseBindPrefix(entry: string): BindPrefix | undefined {
  const writable = entry.endsWith(WRITABLE_SUFFIX)
  const raw = writable ? entry.slice(0, -WRITABLE_SUFFIX.length) : entry
  if (raw.includes(':')) return undefined
  const path = normaliseHostPath(raw)
  return path === undefined ? undefined : { path, writable }
}

const bindPrefixSchema = z
  .string()
  .max(4096)
  .refine((entry) => parseBindPrefix(entry) !== undefined, {
    message:
      'expected an absolute path without "..", read-only (/srv/data) or writable (/srv/app:rw)',
  })
  .refine((entry) => parseBindPrefix(entry)?.path !== '/' || !entry.endsWith(WRITABLE_SUFFIX), {
    message: 'the host root cannot be writable (/:rw)',
  })

/**
 * The allowed entries of a host. Nothing may lie below a writable entry, since operators may
 * have planted links inside it: an entry there could never be used, so it is refused.
 */
export const bindPrefixesSchema = z
  .array(bindPrefixSchema)
  .max(32)
  .superRefine((entries, ctx) => {
    const parsed = entries.map((entry) => ({ entry, prefix: parseBindPrefix(entry) }))
    for (const outer of parsed) {
      if (!outer.prefix?.writable) continue
      for (const inner of parsed) {
        if (inner === outer || !inner.prefix) continue
        const below = isAtOrBelow(inner.prefix.path, outer.prefix.path)
        if (!below || (inner.prefix.path === outer.prefix.path && inner.prefix.writable)) continue
        ctx.addIssue({
          code: 'custom',
          message: `${inner.entry} lies within the writable entry ${outer.entry}, where nothing may be bound but ${outer.prefix.path} itself`,
        })
        return
      }
    }
  })

/** A volume name as the engine's local driver accepts it. */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

/** Options of a bind string the engine knows (Linux), in its groups: at most one of each. */
const BIND_OPTION_GROUPS: readonly (readonly string[])[] = [
  ['ro', 'rw'],
  ['z', 'Z'],
  ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'],
  ['nocopy'],
  ['consistent', 'cached', 'delegated'],
]

/** A `binds` entry read: `source:target[:options]`. */
export interface BindSpec {
  /** A host path (absolute) or a volume name. */
  source: string
  isHostPath: boolean
  target: string
  options: string[]
  readOnly: boolean
}

/**
 * Reads a `binds` entry as the engine will: `source:target[:options]`, the source an absolute
 * host path or a volume name, the target an absolute path other than `/`, the options among
 * those the engine knows. @returns the entry read, or what is wrong with it.
 */
export function parseBind(bind: string): BindSpec | string {
  const parts = bind.split(':')
  if (parts.length < 2 || parts.length > 3) return 'expected source:target[:options]'
  const [source = '', target = '', optionText] = parts
  const isHostPath = source.startsWith('/')
  if (isHostPath ? source.includes('\0') : !VOLUME_NAME.test(source)) {
    return 'the source must be an absolute host path or a volume name of letters, digits, _ . -'
  }
  const targetProblem = containerPathProblem(target)
  if (targetProblem !== undefined) return targetProblem
  const options = optionText === undefined ? [] : optionText.split(',')
  const optionProblem = bindOptionsProblem(options, isHostPath)
  if (optionProblem !== undefined) return optionProblem
  return { source, isHostPath, target, options, readOnly: options.includes('ro') }
}

/** What is wrong with a path inside a container (a mount target), if anything. */
export function containerPathProblem(target: string): string | undefined {
  if (!target.startsWith('/') || target.includes('\0')) return 'the target must be an absolute path'
  if (target.split('/').every((part) => part === '' || part === '.')) {
    return 'the target cannot be / (the container root)'
  }
  return undefined
}

function bindOptionsProblem(options: readonly string[], isHostPath: boolean): string | undefined {
  for (const option of options) {
    if (!BIND_OPTION_GROUPS.some((group) => group.includes(option))) {
      return `unknown option "${option}" (expected ro, rw, z, Z, a propagation such as rprivate, nocopy, or consistent/cached/delegated)`
    }
  }
  for (const group of BIND_OPTION_GROUPS) {
    const given = options.filter((option) => group.includes(option))
    if (given.length > 1) return `options ${given.join(' and ')} exclude each other`
  }
  if (isHostPath && options.includes('nocopy')) return 'nocopy applies to volumes, not host paths'
  return undefined
}

/** A `binds` entry, validated in shape (the server's policy decides what may be bound). */
export const bindSchema = z
  .string()
  .max(4096)
  .superRefine((bind, ctx) => {
    const parsed = parseBind(bind)
    if (typeof parsed === 'string')
      ctx.addIssue({ code: 'custom', message: `"${bind}": ${parsed}` })
  })
