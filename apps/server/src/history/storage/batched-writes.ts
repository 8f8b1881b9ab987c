import type { Logger } from 'pino'
import type { Db } from '../../db/database.ts'

export interface BatchedWritesOptions<Row> {
  db: Db
  logger: Logger
  /** What the rows are, for the log ("metric samples"). */
  kind: string
  /** Writes the rows; called inside one transaction. */
  write: (rows: readonly Row[]) => void
  /** At most one transaction per this many ms (default 1000). */
  intervalMs?: number
  /** Rows held at most; beyond, the oldest are dropped and counted (default 50,000). */
  maxPending?: number
}

/**
 * Rows of one kind, written together at most once a second. History rows arrive one by one
 * (a sample per container, an event, a chunk of a terminal's output); one transaction per row
 * would make SQLite sync its WAL hundreds of times a second on a busy host, while a second's
 * delay costs a reader nothing. A failed write is logged and its rows dropped: history is
 * best-effort and must never take the server down or grow without bound while the disk is full.
 */
export class BatchedWrites<Row> {
  readonly #options: BatchedWritesOptions<Row>
  readonly #intervalMs: number
  readonly #maxPending: number
  #pending: Row[] = []
  #timer: NodeJS.Timeout | undefined
  #dropped = 0
  #closed = false

  constructor(options: BatchedWritesOptions<Row>) {
    this.#options = options
    this.#intervalMs = options.intervalMs ?? 1000
    this.#maxPending = options.maxPending ?? 50_000
  }

  /** Rows waiting for the next transaction. */
  get pending(): number {
    return this.#pending.length
  }

  add(row: Row): void {
    if (this.#closed) return
    this.#pending.push(row)
    if (this.#pending.length > this.#maxPending) {
      this.#pending.shift()
      this.#dropped += 1
    }
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.flush()
      }, this.#intervalMs)
      this.#timer.unref()
    }
  }

  /** Writes what is pending now (tests, shutdown, a reader that must see the latest rows). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#pending.length === 0) return
    const rows = this.#pending
    this.#pending = []
    const { db, logger, kind, write } = this.#options
    try {
      db.transaction(() => {
        write(rows)
      })()
    } catch (error) {
      logger.warn({ err: error, kind, rows: rows.length }, 'history rows not written')
    }
    if (this.#dropped > 0) {
      logger.warn({ kind, dropped: this.#dropped }, 'history rows dropped: writes fell behind')
      this.#dropped = 0
    }
  }

  /** Writes what is pending and takes no more rows. */
  close(): void {
    this.flush()
    this.#closed = true
  }
}
