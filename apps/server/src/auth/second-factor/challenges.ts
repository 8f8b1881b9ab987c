import { randomBytes } from 'node:crypto'
import type { Db } from '../../db/database.ts'
import { hashSessionId } from '../sessions.ts'

/** Long enough to open an authenticator app or find a security key, short enough to not linger. */
const CHALLENGE_MS = 5 * 60_000

export interface SignInChallenge {
  idHash: string
  userId: string
  credentialVersion: number
}

interface ChallengeRow {
  user_id: string
  credential_version: number
  expires_at: number
}

/**
 * Password sign-ins waiting for their second factor. Stored like sessions (the browser holds the
 * raw id, the table its hash) but never a session: nothing but the second factor's routes reads
 * them, so a password alone reaches no other route.
 */
export class SignInChallenges {
  readonly #db: Db
  readonly #now: () => number

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
  }

  /** Opens a challenge for the user and returns its raw id (for the browser's cookie). */
  open(userId: string, credentialVersion: number): string {
    const rawId = randomBytes(32).toString('base64url')
    const now = this.#now()
    this.#db.prepare(`DELETE FROM sign_in_challenges WHERE expires_at <= ?`).run(now)
    this.#db
      .prepare(
        `INSERT INTO sign_in_challenges (id_hash, user_id, credential_version, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(hashSessionId(rawId), userId, credentialVersion, now, now + CHALLENGE_MS)
    return rawId
  }

  /** The live challenge for a raw id, or undefined when unknown or expired. */
  find(rawId: string): SignInChallenge | undefined {
    const idHash = hashSessionId(rawId)
    const row = this.#db
      .prepare<[string], ChallengeRow>(
        `SELECT user_id, credential_version, expires_at FROM sign_in_challenges WHERE id_hash = ?`,
      )
      .get(idHash)
    if (!row || row.expires_at <= this.#now()) return undefined
    return { idHash, userId: row.user_id, credentialVersion: row.credential_version }
  }

  /** Ends a challenge: once completed (it cannot be completed twice) or abandoned. */
  close(idHash: string): boolean {
    return (
      this.#db.prepare(`DELETE FROM sign_in_challenges WHERE id_hash = ?`).run(idHash).changes > 0
    )
  }

  /** Seconds a challenge lives: the cookie's Max-Age. */
  static readonly maxAgeSeconds = CHALLENGE_MS / 1000
}
