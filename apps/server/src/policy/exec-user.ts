/**
 * Who an exec runs as, read the way the engine reads `user[:group]` (moby hands the string to
 * runc's `user.GetExecUser`, now `github.com/moby/sys/user`): the part before the first `:` is
 * the user, and it is a uid when Go's `strconv.Atoi` accepts it (a sign, leading zeros, nothing
 * else: no spaces, no underscores), otherwise a name looked up in the container's /etc/passwd.
 * The uid ends up as a uint32, so 4294967296 is root as well when /etc/passwd lists it.
 */

/** What the engine will do with a `user` string, before any /etc/passwd is read. */
export type ExecUserSpec =
  /** No user given: the container's own user (its Config.User). */
  | { kind: 'container-default' }
  /** Root in some spelling: `0`, `00`, `+0`, `-0`, `:0` (an empty user part means uid 0)… */
  | { kind: 'root' }
  | { kind: 'uid'; uid: bigint }
  /** A name: only the container's /etc/passwd says which uid it is. */
  | { kind: 'name'; name: string }

/** What a name resolves to in a container's /etc/passwd. */
export type ResolvedName = { kind: 'root' } | { kind: 'user'; uid: bigint } | { kind: 'unknown' }

const UINT32 = 32

/** Go's `strconv.Atoi` on a 64-bit engine: `[+-]?[0-9]+` within int64, else not a number. */
export function goAtoi(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined
  const value = BigInt(text)
  return value === BigInt.asIntN(64, value) ? value : undefined
}

/** The uid the kernel gets: the engine converts the int to uint32. */
function isRootUid(uid: bigint): boolean {
  return BigInt.asUintN(UINT32, uid) === 0n
}

/**
 * Reads a `user[:group]` string. Spellings of root padded with whitespace are names to the engine
 * (and fail there unless /etc/passwd has such a name), but they are root to a reader, so they are
 * classed as root: every spelling of root gets the same refusal.
 */
export function parseExecUser(spec: string | undefined): ExecUserSpec {
  if (spec === undefined || spec === '') return { kind: 'container-default' }
  const user = spec.split(':')[0] ?? ''
  // runc starts from uid 0 and keeps it when the user part is empty (`:0`, `:`).
  if (user === '') return { kind: 'root' }
  const trimmed = user.trim()
  const asNumber = goAtoi(trimmed)
  if (asNumber !== undefined && isRootUid(asNumber)) return { kind: 'root' }
  if (trimmed === 'root') return { kind: 'root' }
  const uid = goAtoi(user)
  return uid === undefined ? { kind: 'name', name: user } : { kind: 'uid', uid }
}

/**
 * Unicode white space as Go's `bytes.TrimSpace` removes it, written as UTF-8 bytes: the passwd
 * text is compared byte for byte (as latin1), so a byte sequence Go would not trim is kept.
 */
const GO_SPACE = String.raw`(?:[\t\n\v\f\r ]|\xC2[\x85\xA0]|\xE1\x9A\x80|\xE2\x80[\x80-\x8A\xA8\xA9\xAF]|\xE2\x81\x9F|\xE3\x80\x80)`
const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`)
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`)

/**
 * Finds a name in /etc/passwd as runc does: lines (a trailing `\r` dropped) trimmed of white
 * space, empty ones skipped, fields split on `:`, the first line whose name matches byte for
 * byte wins; a uid field that is missing or not a number reads as 0 (runc ignores the conversion
 * error), which is root.
 */
export function resolvePasswdName(passwd: Uint8Array, name: string): ResolvedName {
  const wanted = Buffer.from(name, 'utf8').toString('latin1')
  for (const raw of Buffer.from(passwd).toString('latin1').split('\n')) {
    const line = raw.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')
    if (line === '') continue
    const fields = line.split(':')
    if (fields[0] !== wanted) continue
    const uid = goAtoi(fields[2] ?? '') ?? 0n
    return isRootUid(uid) ? { kind: 'root' } : { kind: 'user', uid }
  }
  return { kind: 'unknown' }
}
