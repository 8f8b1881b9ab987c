import { createHash, randomInt } from 'node:crypto'
import type { Db } from '../../db/database.ts'

const CODES = 10
const CODE_LENGTH = 10
/**
 * Crockford's base32 (no i, l, o, u): 5 bits a character, so a code carries 50 random bits, and
 * nothing in it reads as another character when copied from paper.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/**
 * SHA-256 without salt or stretching is enough here: each code is 50 bits from the CSPRNG, not a
 * human choice, so no dictionary applies and each guess against a leaked hash costs a full
 * search; and whoever reads the database already holds the TOTP secret beside it. The hash keeps
 * the codes out of backups and database dumps in a usable form.
 */
const hashCode = (normalised: string) => createHash('sha256').update(normalised).digest('hex')

/** As typed: case, spaces and dashes do not matter (the contract's schema does the same). */
const normalise = (code: string) => code.replace(/[\s-]+/g, '').toLowerCase()

function newCode(): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length))
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/**
 * One-time recovery codes (table recovery_codes): ten per user, stored hashed, each used once.
 * They stand in for a lost authenticator or passkey at sign-in, never as the only factor.
 */
export class RecoveryCodeStore {
  readonly #db: Db
  readonly #now: () => number

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
  }

  /** Ten new codes, replacing every earlier one (used or not); returned once, never stored raw. */
  issue(userId: string): string[] {
    const codes = Array.from({ length: CODES }, newCode)
    const now = this.#now()
    const insert = this.#db.prepare(
      `INSERT INTO recovery_codes (user_id, code_hash, used_at, created_at) VALUES (?, ?, NULL, ?)`,
    )
    this.#db.transaction(() => {
      this.clear(userId)
      for (const code of codes) insert.run(userId, hashCode(normalise(code)), now)
    })()
    return codes
  }

  /** Uses up a code: true once per unused code, false for any other. */
  use(userId: string, code: string): boolean {
    const sql = `UPDATE recovery_codes SET used_at = ?
                 WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`
    return this.#db.prepare(sql).run(this.#now(), userId, hashCode(normalise(code))).changes === 1
  }

  clear(userId: string): void {
    this.#db.prepare(`DELETE FROM recovery_codes WHERE user_id = ?`).run(userId)
  }
}
