import { createHash, randomInt, timingSafeEqual } from 'node:crypto'

/** Crockford's base32: no I, L, O or U, so no character reads as another. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const GROUPS = 4
const GROUP_LENGTH = 4

const digest = (code: string) => createHash('sha256').update(code).digest()

/** Typed by a person: any case, dashes and spaces ignored, O read as 0 and I or L as 1. */
const normalise = (code: string) =>
  code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')

/**
 * The one-time code that opens first-run setup, printed in the server's log at start (as
 * Jenkins does): only someone who can read that log, i.e. who runs the server, may create the
 * first admin, not whoever reaches the port first. 16 characters of base32 (80 random bits) in
 * four groups. Kept in memory, as a digest: each start while setup is open prints a new one,
 * so a code in an old log line is worthless after a restart.
 */
export class SetupCode {
  #digest: Buffer | undefined

  /** A new code; the previous one stops working. */
  issue(): string {
    const groups = Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    )
    const code = groups.join('-')
    this.#digest = digest(normalise(code))
    return code
  }

  /** Compares in constant time (digests of equal length); false when no code was issued. */
  matches(presented: string): boolean {
    if (this.#digest === undefined) return false
    return timingSafeEqual(digest(normalise(presented)), this.#digest)
  }

  /** Setup is done: no code opens it again. */
  close(): void {
    this.#digest = undefined
  }
}
