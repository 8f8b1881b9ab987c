import { METRIC_NAMES } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { type Figures, Rollup, downsample, merge, pointOf } from './points.ts'
import { TIERS, tierFor } from './tiers.ts'
import { seriesKeyOf } from './series-key.ts'

const figures = (cpu: number, memory = 1000): Figures => ({
  cpuPercent: cpu,
  memoryUsed: memory,
  networkRx: cpu * 10,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
})

/** 10 s samples from `start`, CPU following `cpuAt(i)`. */
function samples(start: number, count: number, cpuAt: (i: number) => number) {
  return Array.from({ length: count }, (_, i) => pointOf(start + i * 10_000, figures(cpuAt(i))))
}

describe('downsampling metric points (min/avg/max of the finer tier)', () => {
  it('folds six 10 s samples into one minute: the lowest, the mean, the highest', () => {
    const minute = downsample(
      samples(0, 6, (i) => [10, 20, 30, 40, 50, 90][i]!),
      60_000,
    )
    expect(minute).toHaveLength(1)
    expect(minute[0]).toMatchObject({ t: 0, n: 6 })
    expect(minute[0]!.values.cpuPercent).toEqual({ min: 10, avg: 40, max: 90 })
    expect(minute[0]!.values.networkRx).toEqual({ min: 100, avg: 400, max: 900 })
  })

  it('splits at interval boundaries and keeps the intervals in order', () => {
    // 15 samples from 00:00:30: the rest of minute 0, all of minute 1, half of minute 2.
    const points = downsample(
      samples(30_000, 12, () => 5),
      60_000,
    )
    expect(points.map((p) => [p.t, p.n])).toEqual([
      [0, 3],
      [60_000, 6],
      [120_000, 3],
    ])
  })

  it('weights each point by the samples it stands for when a coarser tier folds a finer one', () => {
    // A full minute at 100 % and a minute with one sample at 0 % (history turned on late):
    // the ten minutes average 100 × 6 / 7, not (100 + 0) / 2.
    const full = downsample(
      samples(0, 6, () => 100),
      60_000,
    )[0]!
    const late = downsample([pointOf(60_000, figures(0))], 60_000)[0]!
    const ten = downsample([full, late], 600_000)
    expect(ten[0]!.n).toBe(7)
    expect(ten[0]!.values.cpuPercent.avg).toBeCloseTo((100 * 6) / 7, 10)
    expect(ten[0]!.values.cpuPercent.min).toBe(0)
    expect(ten[0]!.values.cpuPercent.max).toBe(100)
  })

  it('gives the same 10 minutes whether folded from samples or from the minutes', () => {
    const raw = samples(0, 60, (i) => (i * 37) % 101)
    const direct = downsample(raw, 600_000)
    const viaMinutes = downsample(downsample(raw, 60_000), 600_000)
    for (const name of METRIC_NAMES) {
      expect(viaMinutes[0]!.values[name].min).toBe(direct[0]!.values[name].min)
      expect(viaMinutes[0]!.values[name].max).toBe(direct[0]!.values[name].max)
      expect(viaMinutes[0]!.values[name].avg).toBeCloseTo(direct[0]!.values[name].avg, 9)
    }
  })

  it('rolls up as points arrive: an interval is answered once a later one starts', () => {
    const rollup = new Rollup(60_000)
    const done = samples(0, 13, (i) => i).map((p) => rollup.add(p))
    const answered = done.filter((p) => p !== undefined)
    expect(answered.map((p) => [p.t, p.n])).toEqual([
      [0, 6],
      [60_000, 6],
    ])
    expect(answered).toEqual(
      downsample(
        samples(0, 12, (i) => i),
        60_000,
      ),
    )
    // The open interval (one sample of minute 2) is what a shutdown writes.
    expect(rollup.take()).toMatchObject({ t: 120_000, n: 1 })
    expect(rollup.take()).toBeUndefined()
  })

  it('merges two partial writes of one interval as if written at once', () => {
    const [a, b] = [
      downsample(
        samples(0, 2, () => 10),
        60_000,
      )[0]!,
      downsample(
        samples(20_000, 4, () => 40),
        60_000,
      )[0]!,
    ]
    expect(merge(a, b).values.cpuPercent).toEqual({ min: 10, avg: 30, max: 40 })
  })
})

describe('tiers and series keys', () => {
  it('serves each range from the finest tier that covers it', () => {
    expect(tierFor('1h').name).toBe('10s')
    expect(tierFor('24h').name).toBe('10s')
    expect(tierFor('7d').name).toBe('1m')
    expect(tierFor('90d').name).toBe('10m')
    expect(TIERS.map((t) => t.keepMs / t.stepMs)).toEqual([8640, 10_080, 12_960])
  })

  it('keys compose containers by project, service and number, others by name', () => {
    const compose = {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
    }
    expect(seriesKeyOf('shop-web-2', compose)).toBe('compose:shop/web/2')
    // Recreated under another name (compose v1's id prefix): the same series.
    expect(seriesKeyOf('1a2b3c_shop-web-2', compose)).toBe('compose:shop/web/2')
    expect(seriesKeyOf('db', {})).toBe('name:db')
  })
})
