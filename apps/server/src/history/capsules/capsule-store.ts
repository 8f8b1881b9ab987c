import { randomBytes } from 'node:crypto'
import type {
  Capsule,
  CapsuleLogSource,
  CapsuleReason,
  CapsuleSummary,
  LogLine,
} from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'

/** A capsule as the service makes it, before it has an id. */
export interface NewCapsule {
  hostId: string
  containerId: string
  name: string
  reason: CapsuleReason
  exitCode: number | null
  oomKilled: boolean
  startedAt: string | null
  finishedAt: string | null
  image: string
  imageId: string | null
  imageDigests: string[]
  labels: Record<string, string>
  /** Already masked. */
  inspect: Record<string, unknown> | null
  log: LogLine[]
  logSource: CapsuleLogSource
  notes: string[]
  /** The die event's timeNano, when a die made it. */
  dieEvent: string | null
  capturedAt: number
}

/** Whether the caller may see a capsule of a container with these labels. */
export type CapsuleVisibility = (labels: Readonly<Record<string, string>>) => boolean

interface SummaryRow {
  id: string
  host_id: string
  container_id: string
  name: string
  reason: CapsuleReason
  exit_code: number | null
  oom_killed: number
  started_at: string | null
  finished_at: string | null
  image: string
  image_digests: string
  labels: string
  log_source: CapsuleLogSource
  log_line_count: number
  captured_at: number
}

interface FullRow extends SummaryRow {
  held: number
  die_event: string | null
  image_id: string | null
  inspect: string | null
  log: string
  notes: string
}

const SUMMARY_COLUMNS = `id, host_id, container_id, name, reason, exit_code, oom_killed, started_at,
  finished_at, image, image_digests, labels, log_source, log_line_count, captured_at`

/** Held snapshots (clean exits) kept per host at most; the oldest go first. */
export const HELD_PER_HOST = 100

/**
 * The capsules table. Shown capsules and held snapshots (a clean exit's, hidden until a
 * `destroy` makes it a "removed" capsule) share it, so the size bound counts both. Listing
 * filters by the caller's label scope after the query, walking the index newest first until
 * the page is full.
 */
export class CapsuleStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  /** Writes capsules (a batch, inside the caller's transaction). */
  insert(capsule: NewCapsule, held = false): string {
    const id = `cap_${randomBytes(12).toString('hex')}`
    if (held) this.dropHeld(capsule.hostId, capsule.containerId)
    const texts = {
      imageDigests: JSON.stringify(capsule.imageDigests),
      labels: JSON.stringify(capsule.labels),
      inspect: capsule.inspect === null ? null : JSON.stringify(capsule.inspect),
      log: JSON.stringify(capsule.log),
      notes: JSON.stringify(capsule.notes),
    }
    const bytes =
      256 +
      capsule.name.length +
      capsule.image.length +
      Object.values(texts).reduce((sum, text) => sum + (text?.length ?? 0), 0)
    this.#db
      .prepare(
        `INSERT INTO capsules (id, host_id, container_id, name, held, reason, exit_code, oom_killed,
           started_at, finished_at, image, image_id, image_digests, labels, inspect, log,
           log_source, log_line_count, notes, bytes, die_event, captured_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        capsule.hostId,
        capsule.containerId,
        capsule.name,
        held ? 1 : 0,
        capsule.reason,
        capsule.exitCode,
        capsule.oomKilled ? 1 : 0,
        capsule.startedAt,
        capsule.finishedAt,
        capsule.image,
        capsule.imageId,
        texts.imageDigests,
        texts.labels,
        texts.inspect,
        texts.log,
        capsule.logSource,
        capsule.log.length,
        texts.notes,
        bytes,
        capsule.dieEvent,
        capsule.capturedAt,
      )
    if (held) this.#trimHeld(capsule.hostId)
    return id
  }

  /** The container's held snapshot, if any (its clean exit, not yet removed). */
  held(hostId: string, containerId: string): NewCapsule | undefined {
    const row = this.#db
      .prepare(
        `SELECT * FROM capsules WHERE host_id = ? AND container_id = ? AND held = 1
         ORDER BY captured_at DESC LIMIT 1`,
      )
      .get(hostId, containerId) as FullRow | undefined
    return row && toNew(row)
  }

  /** Container ids with a held snapshot on the host. */
  heldContainers(hostId: string): string[] {
    const rows = this.#db
      .prepare('SELECT container_id FROM capsules WHERE host_id = ? AND held = 1')
      .all(hostId) as { container_id: string }[]
    return rows.map((row) => row.container_id)
  }

  dropHeld(hostId: string, containerId: string): void {
    this.#db
      .prepare('DELETE FROM capsules WHERE host_id = ? AND container_id = ? AND held = 1')
      .run(hostId, containerId)
  }

  /** Whether this die event (by its timeNano) already made a capsule or a held snapshot. */
  hasDie(hostId: string, containerId: string, dieEvent: string): boolean {
    const row = this.#db
      .prepare(
        'SELECT 1 FROM capsules WHERE host_id = ? AND container_id = ? AND die_event = ? LIMIT 1',
      )
      .get(hostId, containerId, dieEvent)
    return row !== undefined
  }

  /** Whether a shown capsule of this container exists (its die already made one). */
  hasShown(hostId: string, containerId: string): boolean {
    const row = this.#db
      .prepare('SELECT 1 FROM capsules WHERE host_id = ? AND container_id = ? AND held = 0 LIMIT 1')
      .get(hostId, containerId)
    return row !== undefined
  }

  /** The host's shown capsules the caller may see, newest first. */
  list(
    hostId: string,
    visible: CapsuleVisibility,
    query: { name?: string | undefined; limit: number },
  ): CapsuleSummary[] {
    const byName = query.name !== undefined
    const rows = this.#db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM capsules
         WHERE host_id = ? AND held = 0 ${byName ? 'AND name = ?' : ''}
         ORDER BY captured_at DESC`,
      )
      .iterate(...(byName ? [hostId, query.name] : [hostId])) as IterableIterator<SummaryRow>
    const found: CapsuleSummary[] = []
    for (const row of rows) {
      if (!visible(JSON.parse(row.labels) as Record<string, string>)) continue
      found.push(toSummary(row))
      if (found.length >= query.limit) break
    }
    return found
  }

  /** One shown capsule, whole, with its labels for the caller's scope check. */
  get(hostId: string, id: string): Capsule | undefined {
    const row = this.#db
      .prepare('SELECT * FROM capsules WHERE host_id = ? AND id = ? AND held = 0')
      .get(hostId, id) as FullRow | undefined
    return row && toCapsule(row)
  }

  delete(hostId: string, id: string): boolean {
    return (
      this.#db.prepare('DELETE FROM capsules WHERE host_id = ? AND id = ?').run(hostId, id)
        .changes > 0
    )
  }

  /**
   * Enforces the bounds, oldest first: capsules older than `maxAgeMs`, then the oldest until
   * the rest fit `maxBytes`. Returns how many went.
   */
  prune(now: number, bounds: { maxAgeMs: number; maxBytes: number }): number {
    return this.#db.transaction(() => {
      let removed = this.#db
        .prepare('DELETE FROM capsules WHERE captured_at < ?')
        .run(now - bounds.maxAgeMs).changes
      let total = this.totalBytes()
      if (total <= bounds.maxBytes) return removed
      const oldest = this.#db
        .prepare('SELECT id, bytes FROM capsules ORDER BY captured_at')
        .iterate() as IterableIterator<{ id: string; bytes: number }>
      const doomed: string[] = []
      for (const row of oldest) {
        if (total <= bounds.maxBytes) break
        doomed.push(row.id)
        total -= row.bytes
      }
      const remove = this.#db.prepare('DELETE FROM capsules WHERE id = ?')
      for (const id of doomed) removed += remove.run(id).changes
      return removed
    })()
  }

  /** Bytes the capsules take, as counted for the size bound. */
  totalBytes(): number {
    const row = this.#db.prepare('SELECT COALESCE(SUM(bytes), 0) AS total FROM capsules').get() as {
      total: number
    }
    return row.total
  }

  #trimHeld(hostId: string): void {
    this.#db
      .prepare(
        `DELETE FROM capsules WHERE id IN (
           SELECT id FROM capsules WHERE host_id = ? AND held = 1
           ORDER BY captured_at DESC LIMIT -1 OFFSET ?)`,
      )
      .run(hostId, HELD_PER_HOST)
  }
}

function toSummary(row: SummaryRow): CapsuleSummary {
  const digests = JSON.parse(row.image_digests) as string[]
  return {
    id: row.id,
    hostId: row.host_id,
    containerId: row.container_id,
    name: row.name,
    reason: row.reason,
    exitCode: row.exit_code,
    oomKilled: row.oom_killed === 1,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    image: row.image,
    imageDigest: digests[0] ?? null,
    capturedAt: new Date(row.captured_at).toISOString(),
    logSource: row.log_source,
    logLineCount: row.log_line_count,
  }
}

function toCapsule(row: FullRow): Capsule {
  return {
    ...toSummary(row),
    imageId: row.image_id,
    imageDigests: JSON.parse(row.image_digests) as string[],
    labels: JSON.parse(row.labels) as Record<string, string>,
    inspect: row.inspect === null ? null : (JSON.parse(row.inspect) as Record<string, unknown>),
    log: JSON.parse(row.log) as LogLine[],
    notes: JSON.parse(row.notes) as string[],
  }
}

function toNew(row: FullRow): NewCapsule {
  const capsule = toCapsule(row)
  return {
    hostId: row.host_id,
    containerId: row.container_id,
    name: row.name,
    reason: row.reason,
    exitCode: row.exit_code,
    oomKilled: row.oom_killed === 1,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    image: row.image,
    imageId: row.image_id,
    imageDigests: capsule.imageDigests,
    labels: capsule.labels,
    inspect: capsule.inspect,
    log: capsule.log,
    logSource: row.log_source,
    notes: capsule.notes,
    dieEvent: row.die_event,
    capturedAt: row.captured_at,
  }
}
