import { randomUUID } from 'node:crypto'
import type {
  AlertChannelConfigInput,
  AlertChannelConfigUpdate,
  QuietHours,
} from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'
import { ApiError } from '../../platform/errors.ts'

/** A channel as the server keeps it: its whole configuration, secrets included. */
export interface StoredChannel {
  id: string
  name: string
  enabled: boolean
  quietHours: QuietHours | null
  config: AlertChannelConfigInput
  createdAt: number
  updatedAt: number
}

export interface ChannelInput {
  name: string
  enabled: boolean
  quietHours?: QuietHours | undefined
  config: AlertChannelConfigInput
}

export interface ChannelChange {
  name?: string | undefined
  enabled?: boolean | undefined
  quietHours?: QuietHours | null | undefined
  config?: AlertChannelConfigUpdate | undefined
}

interface ChannelRow {
  id: string
  name: string
  type: string
  enabled: number
  settings: string
  secrets: string
  quiet_hours: string | null
  created_at: number
  updated_at: number
}

/** The fields of each type that are secrets: stored apart, never answered, never audited. */
const SECRET_FIELDS = {
  webhook: ['url', 'secret'],
  ntfy: ['url', 'token'],
  slack: ['url'],
  discord: ['url'],
  email: ['password'],
} as const satisfies Record<AlertChannelConfigInput['type'], readonly string[]>

/** Alert channels in SQLite, so they and their secrets survive restarts. */
export class ChannelStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(): StoredChannel[] {
    const rows = this.#db.prepare('SELECT * FROM alert_channels ORDER BY name').all()
    return (rows as ChannelRow[]).map(toStoredChannel)
  }

  get(id: string): StoredChannel | undefined {
    const row = this.#db.prepare('SELECT * FROM alert_channels WHERE id = ?').get(id)
    return row ? toStoredChannel(row as ChannelRow) : undefined
  }

  create(input: ChannelInput): StoredChannel {
    const now = Date.now()
    const channel: StoredChannel = {
      id: randomUUID(),
      name: input.name,
      enabled: input.enabled,
      quietHours: input.quietHours ?? null,
      config: input.config,
      createdAt: now,
      updatedAt: now,
    }
    this.#assertNameFree(channel.name)
    const { settings, secrets } = split(channel.config)
    this.#db
      .prepare(
        `INSERT INTO alert_channels
           (id, name, type, enabled, settings, secrets, quiet_hours, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        channel.id,
        channel.name,
        channel.config.type,
        channel.enabled ? 1 : 0,
        JSON.stringify(settings),
        JSON.stringify(secrets),
        channel.quietHours && JSON.stringify(channel.quietHours),
        now,
        now,
      )
    return channel
  }

  /** @throws ApiError 404 for an unknown id, 400 for a change of type, 409 for a taken name. */
  update(
    id: string,
    change: ChannelChange,
    check: (config: AlertChannelConfigInput) => void = () => undefined,
  ): StoredChannel {
    const current = this.get(id)
    if (!current) throw notFound(id)
    if (change.name !== undefined && change.name !== current.name) {
      this.#assertNameFree(change.name)
    }
    const next: StoredChannel = {
      ...current,
      name: change.name ?? current.name,
      enabled: change.enabled ?? current.enabled,
      quietHours: change.quietHours === undefined ? current.quietHours : change.quietHours,
      config: change.config ? mergeConfig(current.config, change.config) : current.config,
      updatedAt: Date.now(),
    }
    check(next.config)
    const { settings, secrets } = split(next.config)
    this.#db
      .prepare(
        `UPDATE alert_channels SET name = ?, enabled = ?, settings = ?, secrets = ?,
           quiet_hours = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        next.name,
        next.enabled ? 1 : 0,
        JSON.stringify(settings),
        JSON.stringify(secrets),
        next.quietHours && JSON.stringify(next.quietHours),
        next.updatedAt,
        id,
      )
    return next
  }

  /** Removes the channel and its deliveries, queued ones included. */
  delete(id: string): void {
    const result = this.#db.prepare('DELETE FROM alert_channels WHERE id = ?').run(id)
    if (result.changes === 0) throw notFound(id)
  }

  #assertNameFree(name: string): void {
    const taken = this.#db.prepare('SELECT 1 FROM alert_channels WHERE name = ?').get(name)
    if (taken) throw new ApiError(409, 'conflict', `A channel named ${name} already exists`)
  }
}

export const notFound = (id: string) => new ApiError(404, 'not_found', `No alert channel ${id}`)

/**
 * The update over the stored configuration: a secret left out keeps its stored value; a change
 * of type is refused, since the stored secrets belong to the old type.
 */
function mergeConfig(
  current: AlertChannelConfigInput,
  change: AlertChannelConfigUpdate,
): AlertChannelConfigInput {
  if (change.type !== current.type) {
    throw new ApiError(
      400,
      'invalid_request',
      `config.type: a ${current.type} channel cannot become ${change.type}; create a new one`,
    )
  }
  const kept: Record<string, unknown> = {}
  for (const field of SECRET_FIELDS[current.type]) {
    const value = (current as Record<string, unknown>)[field]
    if (value !== undefined) kept[field] = value
  }
  const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined))
  return { ...kept, ...given } as AlertChannelConfigInput
}

function split(config: AlertChannelConfigInput) {
  const secretFields: readonly string[] = SECRET_FIELDS[config.type]
  const settings: Record<string, unknown> = {}
  const secrets: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) {
    if (secretFields.includes(key)) secrets[key] = value
    else settings[key] = value
  }
  return { settings, secrets }
}

function toStoredChannel(row: ChannelRow): StoredChannel {
  const settings = JSON.parse(row.settings) as Record<string, unknown>
  const secrets = JSON.parse(row.secrets) as Record<string, unknown>
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    quietHours: row.quiet_hours ? (JSON.parse(row.quiet_hours) as QuietHours) : null,
    config: { ...settings, ...secrets, type: row.type } as AlertChannelConfigInput,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
