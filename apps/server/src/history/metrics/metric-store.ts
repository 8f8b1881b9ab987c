import { METRIC_NAMES, type MetricIdChange, type MetricName } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'
import type { Point } from './points.ts'
import { TIERS, type Tier, keepMsOf } from './tiers.ts'

/** Column prefixes of each figure; CPU is kept in hundredths of a percent. */
const COLUMNS: Record<MetricName, { prefix: string; scale: number }> = {
  cpuPercent: { prefix: 'cpu', scale: 100 },
  memoryUsed: { prefix: 'mem', scale: 1 },
  networkRx: { prefix: 'rx', scale: 1 },
  networkTx: { prefix: 'tx', scale: 1 },
  blockRead: { prefix: 'br', scale: 1 },
  blockWrite: { prefix: 'bw', scale: 1 },
}
const prefixes = METRIC_NAMES.map((name) => COLUMNS[name].prefix)
const bandColumns = prefixes.flatMap((p) => [`${p}_min`, `${p}_avg`, `${p}_max`])

/** Points merge on conflict (a partial interval written at shutdown, completed after). */
const UPSERT_POINT = `INSERT INTO metric_points (series_id, tier, t, n, ${bandColumns.join(', ')})
  VALUES (?, ?, ?, ?, ${bandColumns.map(() => '?').join(', ')})
  ON CONFLICT (series_id, tier, t) DO UPDATE SET n = n + excluded.n, ${prefixes
    .map(
      (
        p,
      ) => `${p}_min = min(coalesce(${p}_min, ${p}_avg), coalesce(excluded.${p}_min, excluded.${p}_avg)),
    ${p}_avg = round((${p}_avg * n + excluded.${p}_avg * excluded.n) * 1.0 / (n + excluded.n)),
    ${p}_max = max(coalesce(${p}_max, ${p}_avg), coalesce(excluded.${p}_max, excluded.${p}_avg))`,
    )
    .join(', ')}`

const SELECT_BANDS = prefixes
  .map((p) => `coalesce(${p}_min, ${p}_avg), ${p}_avg, coalesce(${p}_max, ${p}_avg)`)
  .join(', ')
/** The scope's sum: each figure summed over the series in scope at each time. */
const SUM_BANDS = prefixes
  .map((p) => `sum(coalesce(${p}_min, ${p}_avg)), sum(${p}_avg), sum(coalesce(${p}_max, ${p}_avg))`)
  .join(', ')

export type MetricRow =
  | { kind: 'point'; seriesId: number; tier: Tier['level']; point: Point }
  | { kind: 'idChange'; seriesId: number; at: number; containerId: string }

export interface SeriesRow {
  id: number
  hostId: string
  key: string
  name: string
  labels: Record<string, string>
}

interface SeriesRecord {
  id: number
  host_id: string
  key: string
  name: string
  labels: string
}

const toSeries = (row: SeriesRecord): SeriesRow => ({
  id: row.id,
  hostId: row.host_id,
  key: row.key,
  name: row.name,
  labels: JSON.parse(row.labels) as Record<string, string>,
})

/** Bind values in the order of `bandColumns`; the 10 s tier leaves a flat band's min and max out. */
function pointParams(point: Point, tier: number): (number | null)[] {
  return METRIC_NAMES.flatMap((name) => {
    const band = point.values[name]
    const { scale } = COLUMNS[name]
    const [min, avg, max] = [band.min, band.avg, band.max].map((v) => Math.round(v * scale)) as [
      number,
      number,
      number,
    ]
    const flat = tier === 0 && min === avg && max === avg
    return [flat ? null : min, avg, flat ? null : max]
  })
}

/** A row read raw: t, n, then min, avg and max of each figure in METRIC_NAMES order. */
function rowToPoint(row: unknown[]): Point {
  const numbers = row as number[]
  const at = (index: number) => numbers[index] ?? 0
  const values = {} as Point['values']
  METRIC_NAMES.forEach((name, i) => {
    const { scale } = COLUMNS[name]
    const first = 2 + i * 3
    values[name] = {
      min: at(first) / scale,
      avg: at(first + 1) / scale,
      max: at(first + 2) / scale,
    }
  })
  return { t: at(0), n: at(1), values }
}

/** Metric history in SQLite: series, their points per tier, and their id changes. */
export class MetricStore {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  /** The series of a key on a host, created or brought up to date (name, labels, last sample). */
  ensureSeries(
    hostId: string,
    key: string,
    name: string,
    labels: Readonly<Record<string, string>>,
    at: number,
  ): number {
    const row = this.#db
      .prepare(
        `INSERT INTO metric_series (host_id, key, name, labels, last_sample_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (host_id, key) DO UPDATE SET name = excluded.name, labels = excluded.labels,
           last_sample_at = excluded.last_sample_at
         RETURNING id`,
      )
      .get(hostId, key, name, JSON.stringify(labels), at) as { id: number }
    return row.id
  }

  series(hostId: string, key: string): SeriesRow | undefined {
    const row = this.#db
      .prepare(
        'SELECT id, host_id, key, name, labels FROM metric_series WHERE host_id = ? AND key = ?',
      )
      .get(hostId, key) as SeriesRecord | undefined
    return row === undefined ? undefined : toSeries(row)
  }

  seriesOfHost(hostId: string): SeriesRow[] {
    const rows = this.#db
      .prepare('SELECT id, host_id, key, name, labels FROM metric_series WHERE host_id = ?')
      .all(hostId) as SeriesRecord[]
    return rows.map(toSeries)
  }

  /** Writes rows; called by BatchedWrites inside its transaction. */
  write(rows: readonly MetricRow[]): void {
    const upsert = this.#db.prepare(UPSERT_POINT)
    const idChange = this.#db.prepare(
      'INSERT OR REPLACE INTO metric_id_changes (series_id, at, container_id) VALUES (?, ?, ?)',
    )
    for (const row of rows) {
      if (row.kind === 'point') {
        upsert.run(
          row.seriesId,
          row.tier,
          row.point.t,
          row.point.n,
          ...pointParams(row.point, row.tier),
        )
      } else {
        idChange.run(row.seriesId, row.at, row.containerId)
      }
    }
  }

  /** One series' points of a tier in [from, to), oldest first. */
  points(seriesId: number, tier: Tier, from: number, to: number): Point[] {
    const rows = this.#db
      .prepare(
        `SELECT t, n, ${SELECT_BANDS} FROM metric_points
         WHERE series_id = ? AND tier = ? AND t >= ? AND t < ? ORDER BY t`,
      )
      .raw()
      .all(seriesId, tier.level, from, to) as unknown[][]
    return rows.map(rowToPoint)
  }

  /**
   * The sum of several series (a scoped caller's share of a host), point by point. Min and max
   * are the sums of the series' lows and highs: bounds of the sum, not its own extremes.
   */
  summedPoints(seriesIds: readonly number[], tier: Tier, from: number, to: number): Point[] {
    if (seriesIds.length === 0) return []
    const rows = this.#db
      .prepare(
        `SELECT t, sum(n), ${SUM_BANDS} FROM metric_points
         WHERE series_id IN (${seriesIds.map(() => '?').join(', ')}) AND tier = ? AND t >= ? AND t < ?
         GROUP BY t ORDER BY t`,
      )
      .raw()
      .all(...seriesIds, tier.level, from, to) as unknown[][]
    return rows.map(rowToPoint)
  }

  /** The container id a series last had (after a restart: whether the next sample is a change). */
  lastContainerId(seriesId: number): string | undefined {
    const row = this.#db
      .prepare(
        'SELECT container_id FROM metric_id_changes WHERE series_id = ? ORDER BY at DESC LIMIT 1',
      )
      .get(seriesId) as { container_id: string } | undefined
    return row?.container_id
  }

  idChanges(seriesId: number, from: number, to: number): MetricIdChange[] {
    const rows = this.#db
      .prepare(
        `SELECT at, container_id FROM metric_id_changes
         WHERE series_id = ? AND at >= ? AND at < ? ORDER BY at`,
      )
      .all(seriesId, from, to) as { at: number; container_id: string }[]
    return rows.map((row) => ({ at: row.at, containerId: row.container_id }))
  }

  /**
   * Retention: points past each tier's age, id changes past the coarsest tier's, the series
   * left empty, then the least recently sampled series beyond `maxSeries`. Deletes series by
   * series so every statement is a range of the primary key. Returns the rows removed.
   */
  prune(now: number, retentionDays: number, maxSeries: number): number {
    let removed = 0
    const oldest = now - keepMsOf(TIERS[2], retentionDays)
    this.#db.transaction(() => {
      const ids = (this.#db.prepare('SELECT id FROM metric_series').all() as { id: number }[]).map(
        (r) => r.id,
      )
      const dropPoints = this.#db.prepare(
        'DELETE FROM metric_points WHERE series_id = ? AND tier = ? AND t < ?',
      )
      const dropChanges = this.#db.prepare(
        'DELETE FROM metric_id_changes WHERE series_id = ? AND at < ?',
      )
      for (const id of ids) {
        for (const tier of TIERS) {
          removed += dropPoints.run(id, tier.level, now - keepMsOf(tier, retentionDays)).changes
        }
        removed += dropChanges.run(id, oldest).changes
      }
      removed += this.#db
        .prepare(
          `DELETE FROM metric_series WHERE last_sample_at < ?
             AND NOT EXISTS (SELECT 1 FROM metric_points p WHERE p.series_id = metric_series.id)`,
        )
        .run(oldest).changes
      // When each series was last sampled, from its newest 10 s point (the last key of its range),
      // rather than an update per sample.
      this.#db
        .prepare(
          `UPDATE metric_series SET last_sample_at = max(last_sample_at, coalesce(
             (SELECT max(t) FROM metric_points p WHERE p.series_id = metric_series.id AND p.tier = 0), 0))`,
        )
        .run()
      // Past the bound: the series sampled longest ago go, their points by cascade.
      removed += this.#db
        .prepare(
          `DELETE FROM metric_series WHERE id IN (
             SELECT id FROM metric_series ORDER BY last_sample_at DESC, id DESC LIMIT -1 OFFSET ?)`,
        )
        .run(maxSeries).changes
    })()
    return removed
  }
}
