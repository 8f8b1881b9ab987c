import type { TimelinePage } from '@harbormaster/contract'
import type { EngineEvent } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { Db } from '../../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../../hosts/index.ts'
import { BatchedWrites } from '../storage/batched-writes.ts'
import type { TimelineFilter } from './timeline-filter.ts'
import { queryTimeline } from './timeline-query.ts'
import { type TimelineRow, toTimelineRow } from './timeline-rows.ts'
import { type TimelineBounds, TimelineStore } from './timeline-store.ts'

/** Pruning runs at start and then this often: the bounds are soft by at most a minute's events. */
export const TIMELINE_PRUNE_MS = 60_000

export interface TimelineServiceParts {
  db: Db
  hosts: HostRegistry
  logger: Logger
  bounds: TimelineBounds
  now?: () => number
}

/**
 * The events timeline: every engine event each host's events hub already receives (for the
 * model) is kept, in one transaction a second at most, and read back joined with the audit log.
 * It makes no engine call of its own: with nothing happening, it does nothing.
 */
export class TimelineService {
  readonly store: TimelineStore
  readonly #db: Db
  readonly #logger: Logger
  readonly #bounds: TimelineBounds
  readonly #writes: BatchedWrites<TimelineRow>
  readonly #stops: (() => void)[] = []
  readonly #pruneTimer: NodeJS.Timeout
  #batches = 0
  #replays = 0

  constructor(parts: TimelineServiceParts) {
    this.#db = parts.db
    this.#logger = parts.logger.child({ part: 'timeline' })
    this.#bounds = parts.bounds
    this.store = new TimelineStore(parts.db, parts.now)
    this.#writes = new BatchedWrites({
      db: parts.db,
      logger: this.#logger,
      kind: 'timeline events',
      write: (rows) => {
        this.#batches += 1
        this.#replays += rows.length - this.store.insert(rows)
      },
    })
    this.prune()
    this.#pruneTimer = setInterval(() => this.prune(), TIMELINE_PRUNE_MS)
    this.#pruneTimer.unref()
    this.#stops.push(
      parts.hosts.onEachHost((host) => {
        this.#watch(host)
      }),
    )
  }

  /** Transactions written so far (each holds every event that arrived within its second). */
  get batches(): number {
    return this.#batches
  }

  /**
   * Events received again and not kept twice: what a restart's resumption two seconds back
   * brings again (the events hub drops what a reconnect replays before it gets here).
   */
  get replaysIgnored(): number {
    return this.#replays
  }

  /** Keeps one event of a host (the next batch writes it). */
  record(hostId: string, event: EngineEvent): void {
    this.#writes.add(toTimelineRow(hostId, event))
  }

  /** Writes what is pending now: a reader must see the events that were sent live. */
  flush(): void {
    this.#writes.flush()
  }

  query(filter: TimelineFilter, limit: number): TimelinePage {
    this.flush()
    return queryTimeline(this.#db, filter, limit)
  }

  /** Applies the bounds now; returns how many events went. */
  prune(): number {
    try {
      const removed = this.store.prune(this.#bounds)
      if (removed > 0) this.#logger.debug({ removed }, 'timeline events past the bounds removed')
      return removed
    } catch (err) {
      this.#logger.warn({ err }, 'timeline not pruned')
      return 0
    }
  }

  /** Writes what is pending and stops listening (server close, before the database closes). */
  stop(): void {
    clearInterval(this.#pruneTimer)
    for (const stop of this.#stops.splice(0)) stop()
    this.#writes.close()
  }

  #watch(host: RegisteredHost): void {
    this.#stops.push(
      host.events.listen((message) => {
        if (message.kind === 'event') this.record(host.id, message.event)
      }),
    )
  }
}
