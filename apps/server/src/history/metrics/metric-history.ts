import type { MetricHistory, MetricRange } from '@harbormaster/contract'
import type { Logger } from 'pino'
import type { Db } from '../../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../../hosts/index.ts'
import { type HostGrant, inScope } from '../../policy/index.ts'
import type { HistorySettingsStore } from '../settings/index.ts'
import { BatchedWrites } from '../storage/batched-writes.ts'
import { toHistoryDto } from './history-dto.ts'
import { HostSampler } from './host-sampler.ts'
import { type MetricRow, MetricStore, type SeriesRow } from './metric-store.ts'
import { HOST_SERIES_KEY } from './series-key.ts'
import { RANGE_MS, SAMPLE_PERIOD_MS, tierFor } from './tiers.ts'

const PRUNE_EVERY_MS = 60_000

export interface MetricHistoryParts {
  db: Db
  hosts: HostRegistry
  settings: HistorySettingsStore
  logger: Logger
  retentionDays: number
  maxSeries: number
  /** Tests only: a shorter round than the 10 s the tiers are made of. */
  periodMs?: number
}

/**
 * Metric history for every host whose history settings have `metrics` on: a sampler per such
 * host, started and stopped the moment an admin switches it (and nothing at all, no timer and no
 * engine call, while it is off, the default). Rows go through one BatchedWrites (one
 * transaction a second at most); retention runs at start and once a minute.
 */
export class MetricHistoryService {
  readonly store: MetricStore
  readonly #parts: MetricHistoryParts
  readonly #writes: BatchedWrites<MetricRow>
  readonly #samplers = new Map<string, { host: RegisteredHost; sampler: HostSampler }>()
  readonly #stops: (() => void)[] = []
  readonly #pruneTimer: NodeJS.Timeout
  #stopped = false

  constructor(parts: MetricHistoryParts) {
    this.#parts = parts
    this.store = new MetricStore(parts.db)
    this.#writes = new BatchedWrites<MetricRow>({
      db: parts.db,
      logger: parts.logger,
      kind: 'metric points',
      write: (rows) => {
        this.store.write(rows)
      },
    })
    this.prune()
    this.#pruneTimer = setInterval(() => {
      this.prune()
    }, PRUNE_EVERY_MS)
    this.#pruneTimer.unref()
    this.#stops.push(
      parts.hosts.onEachHost((host) => {
        this.#follow(host, parts.settings.get(host.id).metrics)
      }),
      parts.settings.onChange((hostId, settings) => {
        const host = parts.hosts.get(hostId)
        if (host) this.#follow(host, settings.metrics)
      }),
    )
  }

  /** Hosts being sampled now (tests, metrics). */
  get sampling(): string[] {
    return [...this.#samplers.keys()]
  }

  /** Writes the rows waiting for the next transaction (a reader that must see the latest). */
  flush(): void {
    this.#writes.flush()
  }

  prune(now = Date.now()): number {
    const { retentionDays, maxSeries, logger } = this.#parts
    try {
      return this.store.prune(now, retentionDays, maxSeries)
    } catch (err) {
      logger.warn({ err }, 'metric history retention failed')
      return 0
    }
  }

  /** Stops every sampler and writes what is pending (the server closes; before the database). */
  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    clearInterval(this.#pruneTimer)
    for (const stop of this.#stops) stop()
    for (const { sampler } of this.#samplers.values()) sampler.stop()
    this.#samplers.clear()
    this.#writes.close()
  }

  /**
   * A container's series (by key) or the host's, over a range, in the tier that covers it. A
   * caller narrowed to a label scope gets the host's series as the sum of the series in scope.
   */
  history(
    hostId: string,
    key: string,
    range: MetricRange,
    grant: HostGrant,
    now = Date.now(),
  ): MetricHistory {
    this.#writes.flush()
    const tier = tierFor(range)
    const to = now
    const from = now - RANGE_MS[range]
    const enabled = this.#parts.settings.get(hostId).metrics
    const series = this.store.series(hostId, key)
    const name = series?.name ?? key
    const base = { enabled, range, tier, from, to, series: { key, name } }
    if (key === HOST_SERIES_KEY && grant.labelScope !== undefined) {
      const inScopeIds = this.store
        .seriesOfHost(hostId)
        .filter((s: SeriesRow) => s.key !== HOST_SERIES_KEY && inScope(grant, s.labels))
        .map((s) => s.id)
      const points = this.store.summedPoints(inScopeIds, tier, from, to)
      return toHistoryDto({ ...base, points, idChanges: [] })
    }
    if (series === undefined) return toHistoryDto({ ...base, points: [], idChanges: [] })
    return toHistoryDto({
      ...base,
      points: this.store.points(series.id, tier, from, to),
      idChanges: this.store.idChanges(series.id, from, to),
    })
  }

  #follow(host: RegisteredHost, on: boolean): void {
    if (this.#stopped) return
    const held = this.#samplers.get(host.id)
    if (held !== undefined && (!on || held.host !== host)) {
      held.sampler.stop()
      this.#samplers.delete(host.id)
    }
    if (!on || this.#samplers.has(host.id)) return
    const sampler = new HostSampler({
      host,
      store: this.store,
      writes: this.#writes,
      logger: this.#parts.logger.child({ part: 'metric-history', host: host.id }),
      current: () => this.#parts.hosts.get(host.id) === host,
      periodMs: this.#parts.periodMs ?? SAMPLE_PERIOD_MS,
    })
    this.#samplers.set(host.id, { host, sampler })
  }
}
