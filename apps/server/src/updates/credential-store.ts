import type { RegistryCredential } from '@harbormaster/contract'
import type { RegistryAuth } from '@harbormaster/engine'
import type { RegistryCredentials } from '@harbormaster/registry'
import type { Db } from '../db/database.ts'

interface CredentialRow {
  registry: string
  username: string
  updated_at: number
}

/**
 * Registry credentials per host and registry. The password goes to the registry and nowhere
 * else: list() answers `hasPassword`, never the value (docs/security.md).
 */
export class CredentialStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(hostId: string): RegistryCredential[] {
    const rows = this.#db
      .prepare(
        'SELECT registry, username, updated_at FROM registry_credentials WHERE host_id = ? ORDER BY registry',
      )
      .all(hostId) as CredentialRow[]
    return rows.map((row) => ({
      registry: row.registry,
      username: row.username,
      hasPassword: true,
      updatedAt: new Date(row.updated_at).toISOString(),
    }))
  }

  /** For the registry client only. */
  credentialsFor(hostId: string, registry: string): RegistryCredentials | undefined {
    const row = this.#db
      .prepare(
        'SELECT username, password FROM registry_credentials WHERE host_id = ? AND registry = ?',
      )
      .get(hostId, registry) as RegistryCredentials | undefined
    return row === undefined ? undefined : { username: row.username, password: row.password }
  }

  /** The same credentials as an engine pull's `X-Registry-Auth`; undefined: pull anonymously. */
  pullAuth(hostId: string, registry: string): RegistryAuth | undefined {
    const credentials = this.credentialsFor(hostId, registry)
    return credentials === undefined ? undefined : { ...credentials, serveraddress: registry }
  }

  set(hostId: string, registry: string, credentials: RegistryCredentials, now = Date.now()): void {
    this.#db
      .prepare(
        `INSERT INTO registry_credentials (host_id, registry, username, password, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (host_id, registry) DO UPDATE SET username = excluded.username,
           password = excluded.password, updated_at = excluded.updated_at`,
      )
      .run(hostId, registry, credentials.username, credentials.password, now)
  }

  /** Whether there was one to remove. */
  remove(hostId: string, registry: string): boolean {
    const result = this.#db
      .prepare('DELETE FROM registry_credentials WHERE host_id = ? AND registry = ?')
      .run(hostId, registry)
    return result.changes > 0
  }
}
