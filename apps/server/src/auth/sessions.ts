import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { Principal } from '../policy/roles.ts'
import type { UserEvents } from './user-events.ts'

const SESSION_ID_BYTES = 32
/** base64url of 32 bytes, unpadded. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/
/** Sliding expiry needs last_seen_at, but not a write per request. */
const TOUCH_INTERVAL_MS = 60_000
/** A user agent is shown, never parsed for a decision: a bound keeps a forged one small. */
const MAX_USER_AGENT = 512

export interface SessionStoreOptions {
  idleMs: number
  maxMs: number
  /** Where ended sessions are announced (their sockets close). */
  events: UserEvents
  now?: () => number
}

export interface ResolvedSession {
  userId: string
  credentialVersion: number
  idHash: string
  /** How the session was signed in: decides whether a required second factor is still owed. */
  method: SignInMethod
  /** The second factor its sign-in passed, if any (kept when a password change renews it). */
  secondFactor: SecondFactorKind | undefined
}

/** How a session was signed in; a password sign-in may have passed a second factor too. */
export type SignInMethod = NonNullable<Principal['signInMethod']>
export type SecondFactorKind = 'totp' | 'recovery' | 'passkey'

/** What the session list shows of where and how a session began. */
export interface SessionOrigin {
  method: SignInMethod
  secondFactor?: SecondFactorKind | undefined
  userAgent: string
  address: string
}

/** A live session as its list shows it; `idHash` stays on the server. */
export interface SessionRecord extends SessionOrigin {
  idHash: string
  publicId: string
  createdAt: number
  lastSeenAt: number
  /** The earlier of the absolute expiry and the idle one. */
  expiresAt: number
}

interface ListedRow {
  id_hash: string
  public_id: string
  created_at: number
  last_seen_at: number
  expires_at: number
  user_agent: string
  address: string
  method: SignInMethod
  second_factor: SecondFactorKind | null
}

interface SessionRow {
  method: SignInMethod
  user_id: string
  credential_version: number
  last_seen_at: number
  expires_at: number
  second_factor: SecondFactorKind | null
}

/** What the database holds instead of a session id: a leaked table row cannot be replayed. */
export const hashSessionId = (rawId: string) => createHash('sha256').update(rawId).digest('hex')

/** Server-side sessions: the client holds the raw id, the `sessions` table only its SHA-256. */
export class SessionStore {
  readonly #db: Db
  readonly #idleMs: number
  readonly #maxMs: number
  readonly #events: UserEvents
  readonly #now: () => number

  constructor(db: Db, options: SessionStoreOptions) {
    this.#db = db
    this.#idleMs = options.idleMs
    this.#maxMs = options.maxMs
    this.#events = options.events
    this.#now = options.now ?? Date.now
  }

  /** Starts a session and returns its raw id, the only time it exists outside the client. */
  create(userId: string, credentialVersion: number, origin: SessionOrigin): string {
    const rawId = randomBytes(SESSION_ID_BYTES).toString('base64url')
    const now = this.#now()
    this.#db
      .prepare(
        `INSERT INTO sessions (id_hash, public_id, user_id, credential_version, created_at,
           last_seen_at, expires_at, user_agent, address, method, second_factor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        hashSessionId(rawId),
        randomBytes(8).toString('hex'),
        userId,
        credentialVersion,
        now,
        now,
        now + this.#maxMs,
        origin.userAgent.slice(0, MAX_USER_AGENT),
        origin.address,
        origin.method,
        origin.secondFactor ?? null,
      )
    return rawId
  }

  /** The live session for a raw id, sliding its idle expiry; expired sessions are deleted. */
  resolve(rawId: string): ResolvedSession | undefined {
    if (!SESSION_ID.test(rawId)) return undefined
    const idHash = hashSessionId(rawId)
    const row = this.#db
      .prepare<[string], SessionRow>(
        `SELECT user_id, credential_version, last_seen_at, expires_at, method, second_factor
         FROM sessions WHERE id_hash = ?`,
      )
      .get(idHash)
    if (!row) return undefined
    const now = this.#now()
    if (now >= row.expires_at || now - row.last_seen_at >= this.#idleMs) {
      this.revoke(idHash)
      return undefined
    }
    if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
      this.#db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`).run(now, idHash)
    }
    return {
      userId: row.user_id,
      credentialVersion: row.credential_version,
      idHash,
      method: row.method,
      secondFactor: row.second_factor ?? undefined,
    }
  }

  /** Whether a session still stands, without sliding its idle expiry (for open sockets). */
  isLive(idHash: string): boolean {
    const row = this.#db
      .prepare<[string], SessionRow>(
        `SELECT user_id, credential_version, last_seen_at, expires_at FROM sessions WHERE id_hash = ?`,
      )
      .get(idHash)
    const now = this.#now()
    return row !== undefined && now < row.expires_at && now - row.last_seen_at < this.#idleMs
  }

  /** Ends one session (sign-out). */
  revoke(idHash: string): void {
    const row = this.#db
      .prepare<[string], { user_id: string }>(
        `DELETE FROM sessions WHERE id_hash = ? RETURNING user_id`,
      )
      .get(idHash)
    if (row)
      this.#events.emit('credentials-changed', { userId: row.user_id, sessionIdHash: idHash })
  }

  /** Ends every session of a user; returns how many there were. */
  revokeAllForUser(userId: string): number {
    const { changes } = this.#db.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(userId)
    this.#events.emit('credentials-changed', { userId })
    return changes
  }

  /** A user's live sessions, newest first (expired ones are left to the sweep, not shown). */
  listForUser(userId: string): SessionRecord[] {
    const now = this.#now()
    const rows = this.#db
      .prepare<[string, number, number], ListedRow>(
        `SELECT id_hash, public_id, created_at, last_seen_at, expires_at, user_agent, address,
           method, second_factor FROM sessions
         WHERE user_id = ? AND expires_at > ? AND last_seen_at > ?
         ORDER BY created_at DESC, public_id`,
      )
      .all(userId, now, now - this.#idleMs)
    return rows.map((row) => ({
      idHash: row.id_hash,
      publicId: row.public_id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: Math.min(row.expires_at, row.last_seen_at + this.#idleMs),
      userAgent: row.user_agent,
      address: row.address,
      method: row.method,
      secondFactor: row.second_factor ?? undefined,
    }))
  }

  /**
   * Ends one of a user's sessions by its public id and returns its hash; undefined when the user
   * has none by that id (another user's session is "none": its owner is not revealed). Its
   * sockets close at once.
   */
  revokeByPublicId(userId: string, publicId: string): string | undefined {
    const row = this.#db
      .prepare<[string, string], { id_hash: string }>(
        `SELECT id_hash FROM sessions WHERE user_id = ? AND public_id = ?`,
      )
      .get(userId, publicId)
    if (row) this.revoke(row.id_hash)
    return row?.id_hash
  }

  /**
   * Ends every session of a user but `keepIdHash` ("sign out everywhere else"), or all of them
   * without it; returns the public ids of those it ended. Unlike revokeAllForUser, the user's
   * API tokens and the sockets they opened are untouched.
   */
  revokeOthers(userId: string, keepIdHash: string | undefined): string[] {
    const rows = this.#db
      .prepare<[string, string | null], { id_hash: string; public_id: string }>(
        `SELECT id_hash, public_id FROM sessions WHERE user_id = ? AND id_hash IS NOT ?`,
      )
      .all(userId, keepIdHash ?? null)
    // One by one, so each announcement names its session and only its sockets close.
    for (const row of rows) this.revoke(row.id_hash)
    return rows.map((row) => row.public_id)
  }

  /** Deletes sessions past either expiry; for a periodic sweep, since resolve() only sees used ones. */
  pruneExpired(): number {
    const now = this.#now()
    return this.#db
      .prepare(`DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`)
      .run(now, now - this.#idleMs).changes
  }
}
