import type { LogLine } from '@harbormaster/contract'
import type { Logger } from 'pino'
import type { Db } from '../../db/database.ts'
import { BatchedWrites } from '../storage/batched-writes.ts'

interface RingRow {
  hostId: string
  containerId: string
  seq: number
  line: LogLine
  /** The ring's oldest line to keep once this one is in (lines before it go). */
  keepFrom: number
}

const key = (hostId: string, containerId: string) => `${hostId}\u0000${containerId}`

/**
 * The rings of log retention, one per followed container, in the table log_ring_lines: the
 * last lines (the capsule's count and bytes) of each followed log. A table rather than a file
 * per container: lines of every followed container go in one transaction a second
 * (BatchedWrites), reading a ring is one range scan, a ring survives a restart atomically, and
 * there are no file descriptors, paths to confine or rotations to get right. Each batch trims
 * the rings it touched to the lines still wanted, so a ring never holds more than its bound
 * plus one second of lines.
 */
export class LogRings {
  readonly #db: Db
  readonly #writes: BatchedWrites<RingRow>

  constructor(db: Db, logger: Logger) {
    this.#db = db
    const insert = db.prepare(
      `INSERT OR REPLACE INTO log_ring_lines (host_id, container_id, seq, stream, text, partial)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    const trim = db.prepare(
      'DELETE FROM log_ring_lines WHERE host_id = ? AND container_id = ? AND seq < ?',
    )
    this.#writes = new BatchedWrites<RingRow>({
      db,
      logger,
      kind: 'log retention lines',
      write: (rows) => {
        const keepFrom = new Map<string, RingRow>()
        for (const row of rows) {
          insert.run(
            row.hostId,
            row.containerId,
            row.seq,
            row.line.stream,
            row.line.text,
            row.line.partial ? 1 : 0,
          )
          keepFrom.set(key(row.hostId, row.containerId), row)
        }
        for (const row of keepFrom.values()) trim.run(row.hostId, row.containerId, row.keepFrom)
      },
    })
  }

  add(hostId: string, containerId: string, seq: number, line: LogLine, keepFrom: number): void {
    this.#writes.add({ hostId, containerId, seq, line, keepFrom })
  }

  /** The ring's lines, oldest first (what is pending is written first). */
  read(hostId: string, containerId: string): LogLine[] {
    this.#writes.flush()
    const rows = this.#db
      .prepare(
        `SELECT stream, text, partial FROM log_ring_lines
         WHERE host_id = ? AND container_id = ? ORDER BY seq`,
      )
      .all(hostId, containerId) as { stream: LogLine['stream']; text: string; partial: number }[]
    return rows.map((row) => ({
      stream: row.stream,
      text: row.text,
      ...(row.partial === 1 ? { partial: true as const } : {}),
    }))
  }

  clear(hostId: string, containerId: string): void {
    this.#writes.flush()
    this.#db
      .prepare('DELETE FROM log_ring_lines WHERE host_id = ? AND container_id = ?')
      .run(hostId, containerId)
  }

  /** Containers of the host that have a ring. */
  containers(hostId: string): string[] {
    this.#writes.flush()
    const rows = this.#db
      .prepare('SELECT DISTINCT container_id FROM log_ring_lines WHERE host_id = ?')
      .all(hostId) as { container_id: string }[]
    return rows.map((row) => row.container_id)
  }

  close(): void {
    this.#writes.close()
  }
}
