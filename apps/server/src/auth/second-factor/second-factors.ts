import type { SecondFactorMethod, SecondFactorsStatus } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

interface PasskeyRow {
  id: string
  name: string
  created_at: number
  last_used_at: number | null
  backed_up: number
}

/**
 * What second factors a user has, read from the TOTP, recovery code and passkey tables (each
 * written by its own store in totp/ and passkeys/). One place answers "does this user have a
 * second factor", for the sign-in step and for the enrolment requirement alike.
 */
export class SecondFactors {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  /**
   * The methods a password sign-in may complete with; empty when the user has none. Recovery
   * codes stand in for a lost authenticator or passkey, never on their own.
   */
  methodsOf(userId: string): SecondFactorMethod[] {
    const methods: SecondFactorMethod[] = []
    if (this.#totpConfirmedAt(userId) !== null) methods.push('totp')
    if (this.#passkeys(userId).length > 0) methods.push('passkey')
    if (methods.length > 0 && this.#recoveryCodesLeft(userId) > 0) methods.push('recovery')
    return methods
  }

  /** Whether the user has a second factor (recovery codes alone do not count). */
  has(userId: string): boolean {
    return this.#totpConfirmedAt(userId) !== null || this.#passkeys(userId).length > 0
  }

  status(userId: string, required: boolean): SecondFactorsStatus {
    const confirmedAt = this.#totpConfirmedAt(userId)
    return {
      required,
      totp: { enrolled: confirmedAt !== null, confirmedAt: iso(confirmedAt) },
      recoveryCodesLeft: this.#recoveryCodesLeft(userId),
      passkeys: this.#passkeys(userId).map((row) => ({
        id: row.id,
        name: row.name,
        createdAt: new Date(row.created_at).toISOString(),
        lastUsedAt: iso(row.last_used_at),
        backedUp: row.backed_up !== 0,
      })),
    }
  }

  /** An admin's reset: every second factor of the user goes, their recovery codes too. */
  resetAll(userId: string): number {
    return this.#db.transaction(() => {
      let removed = 0
      removed += this.#db.prepare(`DELETE FROM totp_secrets WHERE user_id = ?`).run(userId).changes
      removed += this.#db.prepare(`DELETE FROM passkeys WHERE user_id = ?`).run(userId).changes
      this.#db.prepare(`DELETE FROM recovery_codes WHERE user_id = ?`).run(userId)
      return removed
    })()
  }

  #totpConfirmedAt(userId: string): number | null {
    const row = this.#db
      .prepare<[string], { confirmed_at: number | null }>(
        `SELECT confirmed_at FROM totp_secrets WHERE user_id = ?`,
      )
      .get(userId)
    return row?.confirmed_at ?? null
  }

  #recoveryCodesLeft(userId: string): number {
    const sql = `SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`
    return this.#db.prepare<[string], { n: number }>(sql).get(userId)?.n ?? 0
  }

  #passkeys(userId: string): PasskeyRow[] {
    return this.#db
      .prepare<[string], PasskeyRow>(
        `SELECT id, name, created_at, last_used_at, backed_up FROM passkeys WHERE user_id = ?
         ORDER BY created_at`,
      )
      .all(userId)
  }
}
