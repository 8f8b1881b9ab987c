import type { LogRetentionRule } from '@harbormaster/contract'
import type { Logger } from 'pino'
import type { CapsuleConfig } from '../../config.ts'
import type { Db } from '../../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../../hosts/index.ts'
import { BatchedWrites } from '../storage/batched-writes.ts'
import { CapsuleStore, type NewCapsule } from './capsule-store.ts'
import { CapsuleWatch } from './capsule-watch.ts'
import { LogRings } from './log-rings.ts'
import { RetentionRules } from './retention-rules.ts'

export interface CapsuleServiceParts {
  db: Db
  hosts: HostRegistry
  logger: Logger
  config: CapsuleConfig
}

/** Retention is enforced at most this often (and at start). */
export const PRUNE_EVERY_MS = 60_000
const DAY_MS = 86_400_000

interface QueuedCapsule {
  capsule: NewCapsule
  held: boolean
}

/**
 * Crash capsules and log retention for every registered host (hosts added or removed at run
 * time included): a CapsuleWatch per host on its shared events, capsules written in batches
 * (one transaction a second at most), retention by age and total size enforced once a minute.
 * With no log retention rule, it calls the engine only when a container dies or is removed.
 */
export class CapsuleService {
  readonly store: CapsuleStore
  readonly rules: RetentionRules
  readonly #rings: LogRings
  readonly #writes: BatchedWrites<QueuedCapsule>
  readonly #config: CapsuleConfig
  readonly #logger: Logger
  readonly #watches = new Map<string, CapsuleWatch>()
  readonly #stopWatching: () => void
  readonly #pruneTimer: NodeJS.Timeout

  constructor(parts: CapsuleServiceParts) {
    this.#config = parts.config
    this.#logger = parts.logger.child({ part: 'capsules' })
    this.store = new CapsuleStore(parts.db)
    this.rules = new RetentionRules(parts.db)
    this.#rings = new LogRings(parts.db, this.#logger)
    this.#writes = new BatchedWrites<QueuedCapsule>({
      db: parts.db,
      logger: this.#logger,
      kind: 'capsules',
      write: (queued) => {
        for (const { capsule, held } of queued) this.store.insert(capsule, held)
      },
      maxPending: 1000,
    })
    this.prune()
    this.#pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS)
    this.#pruneTimer.unref()
    this.#stopWatching = parts.hosts.onEachHost((host) => {
      this.#watch(host)
    })
  }

  /** Capsules waiting for their transaction are written now (a reader must see them). */
  flush(): void {
    this.#writes.flush()
  }

  /** The host's rules changed: its followers follow what they cover now. */
  async rulesChanged(hostId: string): Promise<void> {
    await this.#watches.get(hostId)?.rulesChanged()
  }

  /** Containers whose log the host's retention follows now. */
  following(hostId: string): { id: string; name: string }[] {
    return this.#watches.get(hostId)?.following() ?? []
  }

  /** Waits until the events heard so far have made their capsules, and writes them. */
  async settled(): Promise<void> {
    await Promise.all([...this.#watches.values()].map((watch) => watch.settled()))
    this.flush()
  }

  /** Enforces age and size bounds, oldest first. Returns how many capsules went. */
  prune(now = Date.now()): number {
    try {
      this.flush()
      const removed = this.store.prune(now, {
        maxAgeMs: this.#config.retentionDays * DAY_MS,
        maxBytes: this.#config.maxBytes,
      })
      if (removed > 0) this.#logger.info({ removed }, 'capsules past retention removed')
      return removed
    } catch (err) {
      this.#logger.error({ err }, 'capsule retention not enforced')
      return 0
    }
  }

  stop(): void {
    clearInterval(this.#pruneTimer)
    this.#stopWatching()
    for (const watch of this.#watches.values()) watch.stop()
    this.#watches.clear()
    this.#writes.close()
    this.#rings.close()
  }

  #watch(host: RegisteredHost): void {
    this.#watches.get(host.id)?.stop()
    this.#watches.set(
      host.id,
      new CapsuleWatch({
        host,
        store: this.store,
        rings: this.#rings,
        limits: { lines: this.#config.logLines, bytes: this.#config.logBytes },
        logger: this.#logger.child({ host: host.id }),
        rules: (): LogRetentionRule[] => this.rules.list(host.id),
        write: (capsule, held) => {
          this.#writes.add({ capsule, held })
        },
        flush: () => {
          this.flush()
        },
      }),
    )
  }
}
