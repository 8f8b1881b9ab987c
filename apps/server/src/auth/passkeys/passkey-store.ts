import type { PasskeySummary } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

/** A stored passkey: what checking its next signature needs, never a secret. */
export interface StoredPasskey {
  /** The credential id (base64url), chosen by the authenticator. */
  id: string
  userId: string
  name: string
  /** COSE-encoded public key. */
  publicKey: Uint8Array<ArrayBuffer>
  /** The signature counter last seen (0 for authenticators that keep none, synced passkeys). */
  counter: number
  transports: string[]
  backedUp: boolean
}

export interface NewPasskey extends Omit<StoredPasskey, 'name'> {
  /** The owner's name for it; undefined to make one up (the provider's name, or "Passkey N"). */
  name: string | undefined
  /** The provider's name when its AAGUID is known ("iCloud Keychain"). */
  providerName: string | undefined
}

interface PasskeyRow {
  id: string
  user_id: string
  name: string
  public_key: Buffer
  counter: number
  transports: string
  backed_up: number
  created_at: number
  last_used_at: number | null
}

const toSummary = (row: PasskeyRow): PasskeySummary => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.created_at).toISOString(),
  lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
  backedUp: row.backed_up !== 0,
})

const parseTransports = (text: string): string[] => {
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
}

/** The passkeys table: several per user, each named by its owner. */
export class PasskeyStore {
  readonly #db: Db
  readonly #now: () => number

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
  }

  /** Any user's passkey by its credential id (password-less sign-in names no user). */
  find(id: string): StoredPasskey | undefined {
    const row = this.#db
      .prepare<[string], PasskeyRow>(`SELECT * FROM passkeys WHERE id = ?`)
      .get(id)
    return row && this.#toStored(row)
  }

  /** The user's passkeys for the ceremonies (exclude on registration, allow on sign-in). */
  ofUser(userId: string): StoredPasskey[] {
    return this.#rows(userId).map((row) => this.#toStored(row))
  }

  add(passkey: NewPasskey): PasskeySummary {
    const name = passkey.name ?? this.#madeUpName(passkey.userId, passkey.providerName)
    this.#db
      .prepare(
        `INSERT INTO passkeys (id, user_id, name, public_key, counter, transports, backed_up,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        passkey.id,
        passkey.userId,
        name,
        Buffer.from(passkey.publicKey),
        passkey.counter,
        JSON.stringify(passkey.transports),
        passkey.backedUp ? 1 : 0,
        this.#now(),
      )
    return this.#summary(passkey.userId, passkey.id) ?? this.#missing(passkey.id)
  }

  /** Renames one of the user's passkeys; undefined when they have none with this id. */
  rename(userId: string, id: string, name: string): PasskeySummary | undefined {
    this.#db
      .prepare(`UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?`)
      .run(name, id, userId)
    return this.#summary(userId, id)
  }

  /** Removes one of the user's passkeys: false when they have none with this id. */
  remove(userId: string, id: string): boolean {
    const sql = `DELETE FROM passkeys WHERE id = ? AND user_id = ?`
    return this.#db.prepare(sql).run(id, userId).changes > 0
  }

  /**
   * Records a verified sign-in: the new counter, whether it is backed up now, when. The update
   * only moves the counter forward, so two concurrent uses of one signature cannot both pass.
   */
  recordUse(id: string, previousCounter: number, counter: number, backedUp: boolean): boolean {
    const sql = `UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ?
      WHERE id = ? AND counter = ?`
    const changes = this.#db
      .prepare(sql)
      .run(counter, backedUp ? 1 : 0, this.#now(), id, previousCounter).changes
    return changes > 0
  }

  #rows(userId: string): PasskeyRow[] {
    return this.#db
      .prepare<[string], PasskeyRow>(
        `SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at, rowid`,
      )
      .all(userId)
  }

  #summary(userId: string, id: string): PasskeySummary | undefined {
    const row = this.#db
      .prepare<[string, string], PasskeyRow>(`SELECT * FROM passkeys WHERE id = ? AND user_id = ?`)
      .get(id, userId)
    return row && toSummary(row)
  }

  /** The provider's name, or "Passkey N" with the first N not taken among the user's. */
  #madeUpName(userId: string, providerName: string | undefined): string {
    const taken = new Set(this.#rows(userId).map((row) => row.name))
    if (providerName !== undefined && !taken.has(providerName)) return providerName
    let n = taken.size + 1
    while (taken.has(`Passkey ${n}`)) n++
    return `Passkey ${n}`
  }

  #toStored(row: PasskeyRow): StoredPasskey {
    return {
      id: row.id,
      userId: row.user_id,
      name: row.name,
      publicKey: new Uint8Array(row.public_key),
      counter: row.counter,
      transports: parseTransports(row.transports),
      backedUp: row.backed_up !== 0,
    }
  }

  #missing(id: string): never {
    throw new Error(`passkey ${id} vanished right after it was added`)
  }
}
