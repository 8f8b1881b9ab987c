import type { AuthSettings, PasswordSignIn } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'
import type { Role } from '../../policy/roles.ts'

interface SettingsRow {
  password_sign_in: PasswordSignIn
  second_factor_roles: string
}

/**
 * The server-wide sign-in rules (one row). Asked on every session request, so kept in memory:
 * this store is the only writer of the row, in the only process.
 */
export class AuthSettingsStore {
  readonly #db: Db
  readonly #now: () => number
  #cached: AuthSettings | undefined

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
  }

  get(): AuthSettings {
    this.#cached ??= this.#read()
    return this.#cached
  }

  #read(): AuthSettings {
    const row = this.#db
      .prepare<[], SettingsRow>(
        `SELECT password_sign_in, second_factor_roles FROM auth_settings WHERE id = 1`,
      )
      .get()
    if (!row) return { passwordSignIn: 'everyone', secondFactorRoles: [] }
    return {
      passwordSignIn: row.password_sign_in,
      secondFactorRoles: JSON.parse(row.second_factor_roles) as Role[],
    }
  }

  set(settings: AuthSettings, updatedBy: string): AuthSettings {
    this.#db
      .prepare(
        `UPDATE auth_settings SET password_sign_in = ?, second_factor_roles = ?, updated_by = ?,
           updated_at = ? WHERE id = 1`,
      )
      .run(
        settings.passwordSignIn,
        JSON.stringify([...new Set(settings.secondFactorRoles)]),
        updatedBy,
        this.#now(),
      )
    this.#cached = undefined
    return this.get()
  }

  /** Whether this role must have a second factor. */
  requiresSecondFactor(role: Role): boolean {
    return this.get().secondFactorRoles.includes(role)
  }
}
