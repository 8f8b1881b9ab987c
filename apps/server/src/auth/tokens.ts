import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { UserEvents } from './user-events.ts'

const TOKEN_PREFIX = 'hm_'
/** `hm_` + base64url of 32 random bytes; the prefix makes leaked tokens easy to scan for. */
const TOKEN_FORMAT = /^hm_[A-Za-z0-9_-]{43}$/
const TOUCH_INTERVAL_MS = 60_000

export interface ApiTokenRecord {
  id: string
  userId: string
  name: string
  createdAt: number
  lastUsedAt: number | null
}

interface TokenRow {
  id: string
  user_id: string
  name: string
  created_at: number
  last_used_at: number | null
}

const hashToken = (raw: string) => createHash('sha256').update(raw).digest('hex')

const toRecord = (row: TokenRow): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
})

/** Per-user API tokens for scripts (`Authorization: Bearer hm_...`), stored as SHA-256 only. */
export class TokenStore {
  readonly #db: Db
  readonly #events: UserEvents
  readonly #now: () => number

  /** `events`: where revoked tokens are announced (their sockets close). */
  constructor(db: Db, options: { events: UserEvents; now?: () => number }) {
    this.#db = db
    this.#events = options.events
    this.#now = options.now ?? Date.now
  }

  /** Creates a token; the raw value is returned here and never again. */
  create(userId: string, name: string): { token: string; record: ApiTokenRecord } {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
    const row: TokenRow = {
      id: randomUUID(),
      user_id: userId,
      name,
      created_at: this.#now(),
      last_used_at: null,
    }
    this.#db
      .prepare(
        `INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(row.id, userId, name, hashToken(token), row.created_at)
    return { token, record: toRecord(row) }
  }

  /** The user's live tokens, newest first. */
  list(userId: string): ApiTokenRecord[] {
    return this.#db
      .prepare<[string], TokenRow>(
        `SELECT id, user_id, name, created_at, last_used_at FROM api_tokens
         WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id`,
      )
      .all(userId)
      .map(toRecord)
  }

  /**
   * Revokes one of the user's tokens; false when there is no such live token of theirs. The
   * sockets it opened close at once (UserEvents), as a session's do when it ends.
   */
  revoke(userId: string, id: string): boolean {
    const { changes } = this.#db
      .prepare(
        `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`,
      )
      .run(this.#now(), id, userId)
    if (changes > 0) this.#events.emit('credentials-changed', { userId, tokenId: id })
    return changes > 0
  }

  /** Whether the token exists and is not revoked (sockets it opened re-check this). */
  isLive(id: string): boolean {
    const row = this.#db
      .prepare<[string], { id: string }>(
        `SELECT id FROM api_tokens WHERE id = ? AND revoked_at IS NULL`,
      )
      .get(id)
    return row !== undefined
  }

  /** The token a presented value is, if it is well-formed, known and not revoked. */
  resolve(raw: string): { userId: string; tokenId: string } | undefined {
    if (!TOKEN_FORMAT.test(raw)) return undefined
    const tokenHash = hashToken(raw)
    const row = this.#db
      .prepare<[string], { id: string; user_id: string; last_used_at: number | null }>(
        `SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`,
      )
      .get(tokenHash)
    if (!row) return undefined
    const now = this.#now()
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_INTERVAL_MS) {
      this.#db
        .prepare(`UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?`)
        .run(now, tokenHash)
    }
    return { userId: row.user_id, tokenId: row.id }
  }
}
