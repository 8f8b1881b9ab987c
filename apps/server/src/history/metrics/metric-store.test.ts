import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../db/database.ts'
import { BYTES_PER_10S_POINT, BYTES_PER_ROLLUP_POINT } from './estimate.ts'
import { type MetricRow, MetricStore } from './metric-store.ts'
import { type Figures, pointOf } from './points.ts'
import { TIERS, type Tier } from './tiers.ts'

const DAY = 24 * 3600 * 1000
const figures = (i: number): Figures => ({
  cpuPercent: (i % 200) + 0.37,
  memoryUsed: 50_000_000 + (i % 1000) * 4096,
  networkRx: (i * 7) % 5000,
  networkTx: (i * 3) % 800,
  blockRead: 0,
  blockWrite: (i * 11) % 20_000,
})

/** Points of one tier for a series, `span` ms up to `end`, written in one transaction. */
function fill(db: Db, store: MetricStore, seriesId: number, tier: Tier, end: number, span: number) {
  const rows: MetricRow[] = []
  for (let t = end - span, i = 0; t < end; t += tier.stepMs, i++) {
    const point = pointOf(t, figures(i))
    if (tier.level > 0)
      point.values.cpuPercent = { min: 0, avg: point.values.cpuPercent.avg, max: 300 }
    rows.push({ kind: 'point', seriesId, tier: tier.level, point })
  }
  db.transaction(() => {
    store.write(rows)
  })()
}

const count = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).get(...params) as { n: number }).n

function pagesInUse(db: Db): number {
  db.pragma('wal_checkpoint(TRUNCATE)')
  const pages = db.pragma('page_count', { simple: true }) as number
  const free = db.pragma('freelist_count', { simple: true }) as number
  return pages - free
}

describe('the metric history store', () => {
  let dir: string
  let db: Db
  let store: MetricStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hm-metrics-'))
    db = openDatabase(dir)
    store = new MetricStore(db)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('deletes points past each tier’s age and id changes past the coarsest tier’s', () => {
    const now = 400 * DAY
    const id = store.ensureSeries('local', 'name:web', 'web', {}, now)
    fill(db, store, id, TIERS[0], now, 2 * DAY)
    fill(db, store, id, TIERS[1], now, 8 * DAY)
    fill(db, store, id, TIERS[2], now, 91 * DAY)
    store.write([
      { kind: 'idChange', seriesId: id, at: now - 95 * DAY, containerId: 'old' },
      { kind: 'idChange', seriesId: id, at: now - DAY, containerId: 'new' },
    ])
    store.prune(now, 90, 100)
    const oldest = (tier: number) =>
      count(db, 'SELECT min(t) AS n FROM metric_points WHERE series_id = ? AND tier = ?', id, tier)
    expect(oldest(0)).toBe(now - DAY)
    expect(oldest(1)).toBe(now - 7 * DAY)
    expect(oldest(2)).toBe(now - 90 * DAY)
    expect(store.idChanges(id, 0, now)).toEqual([{ at: now - DAY, containerId: 'new' }])
    expect(store.lastContainerId(id)).toBe('new')

    // A shorter retention caps every tier; a series with nothing left goes with its points.
    store.prune(now, 3, 100)
    expect(oldest(2)).toBe(now - 3 * DAY)
    store.prune(now + 4 * DAY, 3, 100)
    expect(store.series('local', 'name:web')).toBeUndefined()
  })

  it('keeps at most the configured series, the most recently sampled', () => {
    const now = 10 * DAY
    for (let i = 0; i < 8; i++) {
      const id = store.ensureSeries('local', `name:c${i}`, `c${i}`, {}, now - DAY)
      // Series i was last sampled i minutes before now.
      fill(db, store, id, TIERS[0], now - i * 60_000, 10 * 60_000)
    }
    store.prune(now, 90, 5)
    expect(
      store
        .seriesOfHost('local')
        .map((s) => s.key)
        .sort(),
    ).toEqual(['name:c0', 'name:c1', 'name:c2', 'name:c3', 'name:c4'])
    // Their points went with them (cascade).
    expect(count(db, 'SELECT count(DISTINCT series_id) AS n FROM metric_points')).toBe(5)
  })

  it('stops growing once every tier is full: a second fill past the ages reuses the freed pages', () => {
    const fillAll = (end: number) => {
      for (const key of ['host', 'name:a', 'name:b']) {
        const id = store.ensureSeries('local', key, key, {}, end)
        fill(db, store, id, TIERS[0], end, DAY + DAY / 2)
        fill(db, store, id, TIERS[1], end, 8 * DAY)
        fill(db, store, id, TIERS[2], end, 100 * DAY)
      }
      store.prune(end, 90, 100)
    }
    const first = 200 * DAY
    fillAll(first)
    const after1 = pagesInUse(db)
    const rows = (tier: number) =>
      count(db, 'SELECT count(*) AS n FROM metric_points WHERE tier = ?', tier)
    const [kept10s, keptRollups] = [rows(0), rows(1) + rows(2)]
    expect(kept10s).toBe(3 * 8640)
    expect(keptRollups).toBe(3 * (10_080 + 12_960))
    fillAll(first + 100 * DAY)
    const after2 = pagesInUse(db)
    expect(after2).toBeLessThanOrEqual(after1 * 1.05)
    const fileBytes = after2 * (db.pragma('page_size', { simple: true }) as number)
    // The estimate shown to admins uses these per-point figures: they must not undersell.
    const estimated = kept10s * BYTES_PER_10S_POINT + keptRollups * BYTES_PER_ROLLUP_POINT
    expect(
      fileBytes,
      JSON.stringify({ fileBytes, estimated, kept10s, keptRollups }),
    ).toBeLessThanOrEqual(estimated)
    expect(fileBytes).toBeGreaterThan(estimated / 2)
  })
})
