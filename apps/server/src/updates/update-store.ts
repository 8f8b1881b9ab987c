import type { ImageUpdate, ImageUpdateStatus } from '@harbormaster/contract'
import type { Db } from '../db/database.ts'

/** One image's check as stored: times in Unix milliseconds. */
export interface StoredCheck {
  image: string
  status: ImageUpdateStatus
  reason?: string | undefined
  currentDigest?: string | undefined
  newDigest?: string | undefined
  containerIds: string[]
  /** Swarm services whose spec names the image (checked on a manager only). */
  serviceIds: string[]
  checkedAt: number
  foundAt?: number | undefined
  /** When the new digest's image was created (its config's `created`), when asked. */
  newCreatedAt?: number | undefined
}

interface CheckRow {
  image: string
  status: ImageUpdateStatus
  reason: string | null
  current_digest: string | null
  new_digest: string | null
  container_ids: string
  service_ids: string
  checked_at: number
  found_at: number | null
  new_created_at: number | null
}

/** The last check of each image per host, kept across restarts (the answer of GET .../updates). */
export class UpdateStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  list(hostId: string): StoredCheck[] {
    const rows = this.#db
      .prepare('SELECT * FROM image_update_checks WHERE host_id = ? ORDER BY image')
      .all(hostId) as CheckRow[]
    return rows.map(fromRow)
  }

  lastRun(hostId: string): number | undefined {
    const row = this.#db
      .prepare('SELECT checked_at FROM image_update_runs WHERE host_id = ?')
      .get(hostId) as { checked_at: number } | undefined
    return row?.checked_at
  }

  /** Replaces the host's checks with a run's: images no longer in use are forgotten. */
  replace(hostId: string, checkedAt: number, checks: readonly StoredCheck[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO image_update_checks (host_id, image, status, reason, current_digest,
         new_digest, container_ids, service_ids, checked_at, found_at, new_created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM image_update_checks WHERE host_id = ?').run(hostId)
      for (const check of checks) {
        insert.run(
          hostId,
          check.image,
          check.status,
          check.reason ?? null,
          check.currentDigest ?? null,
          check.newDigest ?? null,
          JSON.stringify(check.containerIds),
          JSON.stringify(check.serviceIds),
          check.checkedAt,
          check.foundAt ?? null,
          check.newCreatedAt ?? null,
        )
      }
      this.#db
        .prepare(
          `INSERT INTO image_update_runs (host_id, checked_at) VALUES (?, ?)
           ON CONFLICT (host_id) DO UPDATE SET checked_at = excluded.checked_at`,
        )
        .run(hostId, checkedAt)
    })()
  }

  forgetHost(hostId: string): void {
    this.#db.prepare('DELETE FROM image_update_checks WHERE host_id = ?').run(hostId)
    this.#db.prepare('DELETE FROM image_update_runs WHERE host_id = ?').run(hostId)
  }
}

export function toImageUpdate(
  check: StoredCheck,
  containerIds: string[],
  serviceIds: string[],
): ImageUpdate {
  return {
    image: check.image,
    status: check.status,
    ...(check.reason === undefined ? {} : { reason: check.reason }),
    ...(check.currentDigest === undefined ? {} : { currentDigest: check.currentDigest }),
    ...(check.newDigest === undefined ? {} : { newDigest: check.newDigest }),
    containerIds,
    ...(serviceIds.length === 0 ? {} : { serviceIds }),
    checkedAt: new Date(check.checkedAt).toISOString(),
    ...(check.foundAt === undefined ? {} : { foundAt: new Date(check.foundAt).toISOString() }),
    ...(check.newCreatedAt === undefined
      ? {}
      : { newCreatedAt: new Date(check.newCreatedAt).toISOString() }),
  }
}

function fromRow(row: CheckRow): StoredCheck {
  return {
    image: row.image,
    status: row.status,
    reason: row.reason ?? undefined,
    currentDigest: row.current_digest ?? undefined,
    newDigest: row.new_digest ?? undefined,
    containerIds: JSON.parse(row.container_ids) as string[],
    serviceIds: JSON.parse(row.service_ids) as string[],
    checkedAt: row.checked_at,
    foundAt: row.found_at ?? undefined,
    newCreatedAt: row.new_created_at ?? undefined,
  }
}
