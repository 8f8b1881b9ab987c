import { Secret, TOTP } from 'otpauth'
import type { Db } from '../../db/database.ts'

/** RFC 6238's defaults, the ones every authenticator app supports. */
const PERIOD_SECONDS = 30
const DIGITS = 6
const ISSUER = 'Harbormaster'
/** One step either side: clocks drift and people type slowly; two steps old is refused. */
const WINDOW = 1
/** 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
const SECRET_BYTES = 20

interface SecretRow {
  secret: string
  last_step: number | null
}

const totpOf = (secret: string, username: string) =>
  new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  })

/**
 * The authenticator-app secret of each user (table totp_secrets). A new secret waits unconfirmed
 * until a first code proves the app has it; only a confirmed one is a second factor. The last
 * accepted time step is kept so that each code is accepted once, whatever the route.
 */
export class TotpStore {
  readonly #db: Db
  readonly #now: () => number

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
  }

  /** Whether the user has a confirmed authenticator. */
  isConfirmed(userId: string): boolean {
    return this.#row(userId, 'confirmed') !== undefined
  }

  /**
   * A new unconfirmed secret, replacing an earlier unconfirmed one (an abandoned enrolment).
   * Returns undefined when the user already has a confirmed authenticator.
   */
  start(userId: string, username: string): { manualKey: string; otpauthUri: string } | undefined {
    const secret = new Secret({ size: SECRET_BYTES }).base32
    const replaced = this.#db
      .prepare(
        `INSERT INTO totp_secrets (user_id, secret, confirmed_at, last_step, created_at)
         VALUES (?, ?, NULL, NULL, ?)
         ON CONFLICT (user_id) DO UPDATE SET
           secret = excluded.secret, last_step = NULL, created_at = excluded.created_at
         WHERE totp_secrets.confirmed_at IS NULL`,
      )
      .run(userId, secret, this.#now())
    if (replaced.changes === 0) return undefined
    return { manualKey: secret, otpauthUri: totpOf(secret, username).toString() }
  }

  /** Confirms a pending secret with a first code (which is then used up). */
  confirm(userId: string, username: string, code: string): boolean {
    const row = this.#row(userId, 'pending')
    if (!row) return false
    const step = this.#acceptedStep(row, username, code)
    if (step === undefined) return false
    const sql = `UPDATE totp_secrets SET confirmed_at = ?, last_step = ?
                 WHERE user_id = ? AND secret = ? AND confirmed_at IS NULL`
    return this.#db.prepare(sql).run(this.#now(), step, userId, row.secret).changes === 1
  }

  /**
   * Checks a code against the confirmed secret and uses it up: a code of a step at or before
   * the last accepted one is refused (a replay, or an older code seen over a shoulder).
   */
  verify(userId: string, username: string, code: string): boolean {
    const row = this.#row(userId, 'confirmed')
    if (!row) return false
    const step = this.#acceptedStep(row, username, code)
    if (step === undefined) return false
    // One statement decides, so two requests with the same code cannot both pass.
    const sql = `UPDATE totp_secrets SET last_step = ?
                 WHERE user_id = ? AND confirmed_at IS NOT NULL
                   AND (last_step IS NULL OR last_step < ?)`
    return this.#db.prepare(sql).run(step, userId, step).changes === 1
  }

  remove(userId: string): boolean {
    return this.#db.prepare(`DELETE FROM totp_secrets WHERE user_id = ?`).run(userId).changes > 0
  }

  /** The time step the code belongs to, within the window around now; else undefined. */
  #acceptedStep(row: SecretRow, username: string, code: string): number | undefined {
    const timestamp = this.#now()
    const totp = totpOf(row.secret, username)
    const delta = totp.validate({ token: code, timestamp, window: WINDOW })
    if (delta === null) return undefined
    const step = totp.counter({ timestamp }) + delta
    if (row.last_step !== null && step <= row.last_step) return undefined
    return step
  }

  #row(userId: string, state: 'pending' | 'confirmed'): SecretRow | undefined {
    const confirmed = state === 'confirmed' ? 'IS NOT NULL' : 'IS NULL'
    const sql = `SELECT secret, last_step FROM totp_secrets
                 WHERE user_id = ? AND confirmed_at ${confirmed}`
    return this.#db.prepare<[string], SecretRow>(sql).get(userId)
  }
}
