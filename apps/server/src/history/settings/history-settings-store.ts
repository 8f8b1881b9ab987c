import type { HistorySettings, HistorySettingsInput, RecordingMode } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

interface SettingsRow {
  metrics: number
  recording: RecordingMode
  updated_by: string
  updated_at: number
}

export type HistorySettingsListener = (hostId: string, settings: HistorySettings) => void

const DEFAULTS: HistorySettings = {
  metrics: false,
  recording: 'off',
  updatedBy: null,
  updatedAt: null,
}

/**
 * Per host, what an admin chose to keep beyond what is always kept. Both are off by default:
 * metric history costs the engine CPU and the database space, and a recording keeps whatever a
 * terminal printed, so each is a choice made knowingly. Listeners hear every change, so the
 * sampler and the terminal sessions follow it without a restart.
 */
export class HistorySettingsStore {
  readonly #db: Db
  readonly #listeners = new Set<HistorySettingsListener>()

  constructor(db: Db) {
    this.#db = db
  }

  get(hostId: string): HistorySettings {
    const row = this.#db
      .prepare(
        'SELECT metrics, recording, updated_by, updated_at FROM history_settings WHERE host_id = ?',
      )
      .get(hostId) as SettingsRow | undefined
    if (row === undefined) return DEFAULTS
    return {
      metrics: row.metrics === 1,
      recording: row.recording,
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
    }
  }

  set(hostId: string, input: HistorySettingsInput, by: string, now = Date.now()): HistorySettings {
    this.#db
      .prepare(
        `INSERT INTO history_settings (host_id, metrics, recording, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (host_id) DO UPDATE SET metrics = excluded.metrics,
           recording = excluded.recording, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
      )
      .run(hostId, input.metrics ? 1 : 0, input.recording, by, now)
    const settings = this.get(hostId)
    for (const listener of this.#listeners) listener(hostId, settings)
    return settings
  }

  /** Hosts whose metric history is on. */
  hostsWithMetrics(): string[] {
    const rows = this.#db
      .prepare('SELECT host_id FROM history_settings WHERE metrics = 1 ORDER BY host_id')
      .all() as { host_id: string }[]
    return rows.map((row) => row.host_id)
  }

  /** Adds a listener; returns the function that removes it. */
  onChange(listener: HistorySettingsListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
