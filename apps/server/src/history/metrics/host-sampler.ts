import type { Container } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { RegisteredHost } from '../../hosts/index.ts'
import type { BatchedWrites } from '../storage/batched-writes.ts'
import { type Reading, figuresBetween, readingOf, sumFigures } from './figures.ts'
import type { MetricRow, MetricStore } from './metric-store.ts'
import { type Figures, type Point, Rollup, pointOf } from './points.ts'
import { HOST_SERIES_KEY, seriesKeyOf } from './series-key.ts'
import { TIERS, bucketOf } from './tiers.ts'

/** The list key the container routes share engine reads under (containers/routes.ts). */
const RUNNING_LIST_KEY = 'containers?all=false&size=false'
const LIST_REUSE_MS = 250
/** The reads of a round are spread over this share of the period, so the engine sees no burst. */
const SPREAD = 0.8
const READ_TIMEOUT_MS = 5000

export interface SamplerParts {
  host: RegisteredHost
  store: MetricStore
  writes: BatchedWrites<MetricRow>
  logger: Logger
  /** Whether this sampler's host is still the registered one (a removed host stops it). */
  current: () => boolean
  periodMs: number
}

interface Series {
  id: number
  containerId: string | undefined
  labels: string
  name: string
  /** 10 s points folded into 1 min, those into 10 min. */
  rollups: [Rollup, Rollup]
}

/**
 * Metric history of one host: every `periodMs` (10 s) each running container is read once with
 * a one-shot stats call, the reads spread over the period. Each container's figures are the
 * difference with its previous read, written as the 10 s point of its series, folded into the
 * 1-minute and 10-minute points; the host's point is their sum. The benchmark chose one-shot
 * reads over the stats hub's streams (bench/history-metrics.ts): a read every 10 s costs the
 * engine a fraction of a stream's sample every second.
 */
export class HostSampler {
  readonly #parts: SamplerParts
  readonly #previous = new Map<string, Reading>()
  readonly #series = new Map<string, Series>()
  #timer: NodeJS.Timeout | undefined
  #stopped = false
  /** A round failed and none has succeeded since: the failure was logged once. */
  #failing = false

  constructor(parts: SamplerParts) {
    this.#parts = parts
    this.#schedule()
  }

  /**
   * Stops sampling; the intervals still open are written as they stand. A round in flight
   * writes nothing more (its reads check `#stopped` when they come back).
   */
  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    clearTimeout(this.#timer)
    for (const series of this.#series.values()) {
      const [minute, tenMinutes] = series.rollups.map((rollup) => rollup.take())
      if (minute) this.#write(series.id, TIERS[1].level, minute)
      if (tenMinutes) this.#write(series.id, TIERS[2].level, tenMinutes)
    }
  }

  #schedule(): void {
    if (this.#stopped) return
    const { periodMs } = this.#parts
    const now = Date.now()
    // Rounds start on the period's boundaries, so every series' points share their times.
    const next = bucketOf(now, periodMs) + periodMs
    this.#timer = setTimeout(() => {
      void this.#run(next).finally(() => {
        this.#schedule()
      })
    }, next - now)
    this.#timer.unref()
  }

  async #run(t: number): Promise<void> {
    if (!this.#parts.current()) {
      this.stop()
      return
    }
    try {
      const running = await this.#listRunning()
      const figures = await this.#readAll(running, t)
      if (this.#stopped) return
      if (figures.length > 0) {
        const host = this.#seriesFor(HOST_SERIES_KEY, this.#parts.host.name, {}, undefined, t)
        this.#record(host, t, sumFigures(figures))
      }
      if (this.#failing) this.#parts.logger.info('metric history sampling again')
      this.#failing = false
    } catch (err) {
      // The engine is away: the next round tries again; history has a gap meanwhile. Said once
      // per outage, not every 10 s.
      if (!this.#failing) this.#parts.logger.warn({ err }, 'metric history round failed')
      this.#failing = true
    }
  }

  /** From the host's event-fed model when warm; else one engine read shared with list routes. */
  async #listRunning(): Promise<Container[]> {
    const { host } = this.#parts
    const containers =
      (await host.containers.list({ all: false })) ??
      (await host.reads.run(
        RUNNING_LIST_KEY,
        () => host.engine.containers.list({ all: false }),
        LIST_REUSE_MS,
      ))
    return containers.filter((c) => c.state === 'running' || c.state === 'paused')
  }

  async #readAll(running: readonly Container[], t: number): Promise<Figures[]> {
    const gap = (this.#parts.periodMs * SPREAD) / Math.max(1, running.length)
    const seen = new Set(running.map((c) => c.id))
    for (const id of this.#previous.keys()) if (!seen.has(id)) this.#previous.delete(id)
    const results = await Promise.all(
      running.map(async (container, i) => {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, gap * i).unref())
        if (this.#stopped) return undefined
        return this.#readOne(container, t)
      }),
    )
    return results.filter((f): f is Figures => f !== undefined)
  }

  async #readOne(container: Container, t: number): Promise<Figures | undefined> {
    let reading: Reading
    try {
      const sample = await this.#parts.host.engine.stats.snapshot(container.id, {
        timeoutMs: READ_TIMEOUT_MS,
      })
      // A container stopped since the list: its zeroed sample has no read time.
      if (sample.read === undefined) return undefined
      reading = readingOf(sample, Date.now())
    } catch {
      // Gone or stopped since the list: its events update the model for the next round.
      this.#previous.delete(container.id)
      return undefined
    }
    const previous = this.#previous.get(container.id)
    this.#previous.set(container.id, reading)
    // The first read of a container has nothing to compare its CPU counters with.
    if (previous === undefined || this.#stopped) return undefined
    const figures = figuresBetween(previous, reading)
    const key = seriesKeyOf(container.name, container.labels)
    this.#record(
      this.#seriesFor(key, container.name, container.labels, container.id, t),
      t,
      figures,
    )
    return figures
  }

  #seriesFor(
    key: string,
    name: string,
    labels: Readonly<Record<string, string>>,
    containerId: string | undefined,
    t: number,
  ): Series {
    const { host, store } = this.#parts
    const labelsText = JSON.stringify(labels)
    let series = this.#series.get(key)
    if (series?.labels !== labelsText || series.name !== name) {
      const id = store.ensureSeries(host.id, key, name, labels, t)
      series ??= {
        id,
        containerId: containerId === undefined ? undefined : store.lastContainerId(id),
        labels: labelsText,
        name,
        rollups: [new Rollup(TIERS[1].stepMs), new Rollup(TIERS[2].stepMs)],
      }
      Object.assign(series, { id, labels: labelsText, name })
      this.#series.set(key, series)
    }
    if (containerId !== undefined && series.containerId !== containerId) {
      // A new container under this key (recreated): the chart marks when the id changed.
      this.#parts.writes.add({ kind: 'idChange', seriesId: series.id, at: t, containerId })
      series.containerId = containerId
    }
    return series
  }

  #record(series: Series, t: number, figures: Figures): void {
    const point = pointOf(t, figures)
    this.#write(series.id, TIERS[0].level, point)
    const minute = series.rollups[0].add(point)
    if (minute === undefined) return
    this.#write(series.id, TIERS[1].level, minute)
    const tenMinutes = series.rollups[1].add(minute)
    if (tenMinutes !== undefined) this.#write(series.id, TIERS[2].level, tenMinutes)
  }

  #write(seriesId: number, tier: 0 | 1 | 2, point: Point): void {
    this.#parts.writes.add({ kind: 'point', seriesId, tier, point })
  }
}
