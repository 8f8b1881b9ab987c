import {
  DEFAULT_SECRET_ENV_PATTERNS,
  type HostCreateInput,
  type HostSshInput,
  type HostUpdateInput,
} from '@harbormaster/contract'
import type { EngineEndpoint } from '@harbormaster/engine'
import type { Db } from '../db/database.ts'

export interface StoredHost {
  id: string
  name: string
  address: string
  tls?: {
    ca?: string | undefined
    cert?: string | undefined
    key?: string | undefined
    verify: boolean
  }
  allowedBindPrefixes: string[]
  /** Set by an admin; absent, the host follows `DEFAULT_SECRET_ENV_PATTERNS`. */
  secretEnvPatterns?: string[]
  /** For ssh:// hosts: the key and passphrase never leave the server. */
  ssh?: StoredSsh
  /** The API version every request is pinned to; absent, the engine's newest we speak. */
  apiVersion?: string
}

export interface StoredSsh {
  privateKey?: string | undefined
  passphrase?: string | undefined
  /** The pinned host key fingerprint (`SHA256:...`); absent, the host does not connect. */
  hostKey?: string | undefined
}

interface HostRow {
  id: string
  name: string
  address: string
  tls_ca: string | null
  tls_cert: string | null
  tls_key: string | null
  tls_verify: number
  allowed_bind_prefixes: string
  secret_env_patterns: string | null
  ssh_private_key: string | null
  ssh_passphrase: string | null
  ssh_host_key: string | null
  api_version: string | null
}

/** Hosts live in SQLite so they survive restarts; TLS keys never leave the server. */
export class HostStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(): StoredHost[] {
    const rows = this.#db.prepare('SELECT * FROM hosts ORDER BY name').all() as HostRow[]
    return rows.map(toStoredHost)
  }

  get(id: string): StoredHost | undefined {
    const row = this.#db.prepare('SELECT * FROM hosts WHERE id = ?').get(id) as HostRow | undefined
    return row && toStoredHost(row)
  }

  /** @returns false when the id is taken. */
  create(input: HostCreateInput): boolean {
    const now = Date.now()
    const result = this.#db
      .prepare(
        `INSERT OR IGNORE INTO hosts (id, name, address, tls_ca, tls_cert, tls_key, tls_verify,
           allowed_bind_prefixes, secret_env_patterns, api_version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.id,
        input.name,
        input.address,
        input.tls?.ca ?? null,
        input.tls?.cert ?? null,
        input.tls?.key ?? null,
        input.tls?.verify === false ? 0 : 1,
        JSON.stringify(input.allowedBindPrefixes),
        patternsColumn(input.secretEnvPatterns),
        input.apiVersion ?? null,
        now,
        now,
      )
    if (result.changes === 1 && input.ssh) this.#writeSsh(input.id, sshOf(undefined, input.ssh))
    return result.changes === 1
  }

  /** @returns the updated host, or undefined when there is none with that id. */
  update(id: string, input: HostUpdateInput): StoredHost | undefined {
    const current = this.get(id)
    if (!current) return undefined
    // Absent keeps the stored pin, null removes it.
    const { apiVersion: stored, ...unpinned } = current
    const pin = input.apiVersion === null ? undefined : (input.apiVersion ?? stored)
    return this.#write({
      ...unpinned,
      ...(pin === undefined ? {} : { apiVersion: pin }),
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.address === undefined ? {} : { address: input.address }),
      ...(input.allowedBindPrefixes === undefined
        ? {}
        : { allowedBindPrefixes: input.allowedBindPrefixes }),
      ...(input.secretEnvPatterns === undefined
        ? {}
        : { secretEnvPatterns: input.secretEnvPatterns }),
      ...(input.tls === undefined
        ? {}
        : {
            tls: {
              ...current.tls,
              ...input.tls,
              verify: input.tls.verify ?? current.tls?.verify ?? true,
            },
          }),
      ...(input.ssh === undefined ? {} : { ssh: sshOf(current.ssh, input.ssh) }),
    })
  }

  /** Pins the host key an admin accepted. @returns the host, or undefined when there is none. */
  pinHostKey(id: string, fingerprint: string): StoredHost | undefined {
    const current = this.get(id)
    if (!current) return undefined
    const ssh = { ...current.ssh, hostKey: fingerprint }
    this.#writeSsh(id, ssh)
    return { ...current, ssh }
  }

  /**
   * Sets how the host is reached to exactly this address and TLS material: unlike `update`,
   * TLS left out is removed (a host declared without `tls=` no longer keeps old certificates).
   * An API version given replaces the pin; none leaves it as it is.
   */
  setConnection(
    id: string,
    address: string,
    tls: StoredHost['tls'],
    ssh?: StoredSsh,
    apiVersion?: string,
  ): StoredHost | undefined {
    const current = this.get(id)
    if (!current) return undefined
    const { name, allowedBindPrefixes, secretEnvPatterns } = current
    // A pin given here (declared `api=`) wins; none keeps the one set in the UI.
    const pin = apiVersion ?? current.apiVersion
    return this.#write({
      id,
      name,
      allowedBindPrefixes,
      ...(secretEnvPatterns ? { secretEnvPatterns } : {}),
      address,
      ...(tls ? { tls } : {}),
      ...(ssh ? { ssh } : {}),
      ...(pin === undefined ? {} : { apiVersion: pin }),
    })
  }

  #write(next: StoredHost): StoredHost {
    this.#db
      .prepare(
        `UPDATE hosts SET name = ?, address = ?, tls_ca = ?, tls_cert = ?, tls_key = ?, tls_verify = ?,
           allowed_bind_prefixes = ?, secret_env_patterns = ?, api_version = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        next.name,
        next.address,
        next.tls?.ca ?? null,
        next.tls?.cert ?? null,
        next.tls?.key ?? null,
        next.tls?.verify === false ? 0 : 1,
        JSON.stringify(next.allowedBindPrefixes),
        patternsColumn(next.secretEnvPatterns),
        next.apiVersion ?? null,
        Date.now(),
        next.id,
      )
    this.#writeSsh(next.id, next.ssh)
    return next
  }

  /** Kept apart from the main statements: the SSH columns came later (host-migrations.ts). */
  #writeSsh(id: string, ssh: StoredSsh | undefined): void {
    this.#db
      .prepare(
        'UPDATE hosts SET ssh_private_key = ?, ssh_passphrase = ?, ssh_host_key = ? WHERE id = ?',
      )
      .run(ssh?.privateKey ?? null, ssh?.passphrase ?? null, ssh?.hostKey ?? null, id)
  }

  remove(id: string): boolean {
    return this.#db.prepare('DELETE FROM hosts WHERE id = ?').run(id).changes === 1
  }
}

/** The secret patterns in force on a host: its own, or the defaults. */
export function secretEnvPatternsOf(host: StoredHost): readonly string[] {
  return host.secretEnvPatterns ?? DEFAULT_SECRET_ENV_PATTERNS
}

function patternsColumn(patterns: readonly string[] | undefined): string | null {
  return patterns === undefined ? null : JSON.stringify(patterns)
}

/** Stored SSH settings after an input: given fields replace, an empty passphrase removes. */
function sshOf(current: StoredSsh | undefined, input: HostSshInput): StoredSsh {
  const passphrase = input.passphrase ?? current?.passphrase
  return {
    privateKey: input.privateKey ?? current?.privateKey,
    passphrase: passphrase === '' ? undefined : passphrase,
    hostKey: input.hostKeyFingerprint ?? current?.hostKey,
  }
}

/** The engine endpoint of a stored host. */
export function endpointOf(host: StoredHost): EngineEndpoint {
  if (host.address.startsWith('ssh://')) {
    // Without a key the connection fails and the status says so (never at client creation).
    const { privateKey = '', passphrase, hostKey } = host.ssh ?? {}
    return { host: host.address, ssh: { privateKey, passphrase, hostKey } }
  }
  if (!host.tls || !host.address.startsWith('tcp://')) return { host: host.address }
  const { ca, cert, key, verify } = host.tls
  return {
    host: host.address,
    tls: { verify, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) },
  }
}

function toStoredHost(row: HostRow): StoredHost {
  // TLS is on when any certificate material was given; plain tcp:// stays plain.
  const hasTls = row.tls_ca !== null || row.tls_cert !== null || row.tls_key !== null
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    ...(hasTls && row.address.startsWith('tcp://')
      ? {
          tls: {
            verify: row.tls_verify === 1,
            ...(row.tls_ca ? { ca: row.tls_ca } : {}),
            ...(row.tls_cert ? { cert: row.tls_cert } : {}),
            ...(row.tls_key ? { key: row.tls_key } : {}),
          },
        }
      : {}),
    allowedBindPrefixes: JSON.parse(row.allowed_bind_prefixes) as string[],
    ...(row.secret_env_patterns === null
      ? {}
      : { secretEnvPatterns: JSON.parse(row.secret_env_patterns) as string[] }),
    ...(sshOfRow(row) ?? {}),
    ...(row.api_version === null ? {} : { apiVersion: row.api_version }),
  }
}

function sshOfRow(row: HostRow): { ssh: StoredSsh } | undefined {
  const { ssh_private_key: key, ssh_passphrase: passphrase, ssh_host_key: hostKey } = row
  if (key === null && passphrase === null && hostKey === null) return undefined
  return {
    ssh: {
      ...(key === null ? {} : { privateKey: key }),
      ...(passphrase === null ? {} : { passphrase }),
      ...(hostKey === null ? {} : { hostKey }),
    },
  }
}
