import { randomUUID } from 'node:crypto'
import type { UserHostGrant } from '@harbormaster/contract'
import type { Db } from '../db/database.ts'
import type { HostGrant, Principal, Role } from '../policy/roles.ts'
import type { UserEvents } from './user-events.ts'

export interface UserRecord {
  id: string
  username: string
  role: Role
  disabled: boolean
  credentialVersion: number
  hostGrants: UserHostGrant[]
  /** Signs in through the OpenID provider (users.oidc_subject): no password, no passkeys. */
  singleSignOn: boolean
  createdAt: number
  updatedAt: number
}

export interface NewUser {
  username: string
  passwordHash: string
  role: Role
  hostGrants?: UserHostGrant[]
}

/** Changes that end the user's sessions (and sockets): anything that changes what they may do. */
export interface CredentialChange {
  role?: Role | undefined
  disabled?: boolean | undefined
  passwordHash?: string
}

interface UserRow {
  id: string
  username: string
  password_hash: string
  role: Role
  disabled: number
  credential_version: number
  oidc_subject: string | null
  created_at: number
  updated_at: number
}

interface GrantRow {
  host_id: string
  role: UserHostGrant['role']
  label_scope: string | null
}

/** Users and their per-host grants in SQLite. Usernames compare case-insensitively. */
export class UserStore {
  readonly #db: Db
  readonly #events: UserEvents
  readonly #now: () => number

  /** `events`: where credential changes are announced (the user's sockets close). */
  constructor(db: Db, options: { events: UserEvents; now?: () => number }) {
    this.#db = db
    this.#events = options.events
    this.#now = options.now ?? Date.now
  }

  create(user: NewUser): UserRecord {
    const id = randomUUID()
    const now = this.#now()
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO users (id, username, password_hash, role, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, user.username, user.passwordHash, user.role, now, now)
      this.#writeGrants(id, user.hostGrants ?? [])
    })()
    return this.#require(id)
  }

  get(id: string): UserRecord | undefined {
    const row = this.#db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`).get(id)
    return row && this.#toRecord(row)
  }

  getByUsername(username: string): UserRecord | undefined {
    return this.findForLogin(username)?.user
  }

  /** The user with their password hash; the only read that returns the hash. */
  findForLogin(username: string): { user: UserRecord; passwordHash: string } | undefined {
    const row = this.#db
      .prepare<[string], UserRow>(`SELECT * FROM users WHERE username = ?`)
      .get(username)
    return row && { user: this.#toRecord(row), passwordHash: row.password_hash }
  }

  list(): UserRecord[] {
    const rows = this.#db.prepare<[], UserRow>(`SELECT * FROM users ORDER BY username`).all()
    return rows.map((row) => this.#toRecord(row))
  }

  count(): number {
    return this.#db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM users`).get()?.n ?? 0
  }

  countEnabledAdmins(): number {
    const sql = `SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0`
    return this.#db.prepare<[], { n: number }>(sql).get()?.n ?? 0
  }

  /**
   * Applies role, status or password changes. If anything actually changed, the credential
   * version is bumped and every session of the user is deleted, in one transaction.
   */
  update(id: string, change: CredentialChange): UserRecord | undefined {
    const before = this.#db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`).get(id)
    if (!before) return undefined
    const role = change.role ?? before.role
    const disabled = change.disabled === undefined ? before.disabled : Number(change.disabled)
    const passwordHash = change.passwordHash ?? before.password_hash
    const changed =
      role !== before.role || disabled !== before.disabled || passwordHash !== before.password_hash
    if (!changed) return this.#toRecord(before)
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `UPDATE users SET role = ?, disabled = ?, password_hash = ?,
             credential_version = credential_version + 1, updated_at = ? WHERE id = ?`,
        )
        .run(role, disabled, passwordHash, this.#now(), id)
      this.#db.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(id)
    })()
    this.#events.emit('credentials-changed', { userId: id })
    return this.get(id)
  }

  setPassword(id: string, passwordHash: string): UserRecord | undefined {
    return this.update(id, { passwordHash })
  }

  /** Replaces all of a user's grants. Sessions stay: each request reads grants afresh. */
  setHostGrants(id: string, grants: readonly UserHostGrant[]): UserRecord | undefined {
    if (!this.get(id)) return undefined
    this.#db.transaction(() => {
      this.#db.prepare(`DELETE FROM host_grants WHERE user_id = ?`).run(id)
      this.#writeGrants(id, grants)
      this.#db.prepare(`UPDATE users SET updated_at = ? WHERE id = ?`).run(this.#now(), id)
    })()
    this.#events.emit('credentials-changed', { userId: id })
    return this.get(id)
  }

  /** Deletes the user; sessions, grants and tokens go with them (foreign keys cascade). */
  delete(id: string): boolean {
    const { changes } = this.#db.prepare(`DELETE FROM users WHERE id = ?`).run(id)
    if (changes > 0) this.#events.emit('credentials-changed', { userId: id })
    return changes > 0
  }

  #writeGrants(userId: string, grants: readonly UserHostGrant[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO host_grants (user_id, host_id, role, label_scope) VALUES (?, ?, ?, ?)`,
    )
    for (const g of grants) insert.run(userId, g.hostId, g.role, g.labelScope ?? null)
  }

  #grants(userId: string): UserHostGrant[] {
    const rows = this.#db
      .prepare<[string], GrantRow>(
        `SELECT host_id, role, label_scope FROM host_grants WHERE user_id = ? ORDER BY host_id`,
      )
      .all(userId)
    return rows.map((r) => ({
      hostId: r.host_id,
      role: r.role,
      ...(r.label_scope === null ? {} : { labelScope: r.label_scope }),
    }))
  }

  #toRecord(row: UserRow): UserRecord {
    return {
      id: row.id,
      username: row.username,
      role: row.role,
      disabled: row.disabled !== 0,
      credentialVersion: row.credential_version,
      hostGrants: this.#grants(row.id),
      singleSignOn: row.oidc_subject !== null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  #require(id: string): UserRecord {
    const user = this.get(id)
    if (!user) throw new Error(`user ${id} vanished inside its own transaction`)
    return user
  }
}

/**
 * The caller for this request, or undefined when the user is missing or disabled.
 * `credentialId` is what authenticated them: the hashed session id, or the API token's id.
 */
export function loadPrincipal(
  users: UserStore,
  userId: string,
  via: Principal['via'],
  credentialId?: string,
): Principal | undefined {
  const user = users.get(userId)
  if (!user || user.disabled) return undefined
  const hostGrants = new Map<string, HostGrant>(
    user.hostGrants.map((g) => [
      g.hostId,
      g.labelScope === undefined ? { role: g.role } : { role: g.role, labelScope: g.labelScope },
    ]),
  )
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    hostGrants,
    credentialVersion: user.credentialVersion,
    via,
    ...(credentialId === undefined
      ? {}
      : via === 'session'
        ? { sessionIdHash: credentialId }
        : { tokenId: credentialId }),
  }
}
