import type { StatsSampleDto } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { addSample, emptySeries, ratePerSecond, statsFigures, summarise } from './stats-series.ts'

const sample = (second: number, over: Partial<StatsSampleDto> = {}): StatsSampleDto => ({
  id: 'c1',
  name: 'web',
  read: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  cpuPercent: 12.5,
  memoryUsed: 1_577_058,
  memoryLimit: 8_162_000_000,
  memoryPercent: 0.0193,
  networkRx: 1000 * second,
  networkTx: 0,
  blockRead: 4_096_000,
  blockWrite: 0,
  pids: 3,
  ...over,
})

describe('addSample', () => {
  it('derives network rates per second from the counters', () => {
    let s = addSample(emptySeries(), sample(0))
    s = addSample(s, sample(2))
    expect(s.rxRate).toEqual([0, 1000])
    expect(s.time).toHaveLength(2)
  })

  it('ignores repeated or older samples', () => {
    let s = addSample(emptySeries(), sample(5))
    s = addSample(s, sample(5))
    s = addSample(s, sample(3))
    expect(s.time).toHaveLength(1)
  })

  it('keeps only the window', () => {
    let s = emptySeries()
    for (let i = 0; i < 10; i++) s = addSample(s, sample(i), 4)
    expect(s.cpu).toHaveLength(4)
    expect(s.time[0]).toBe(Date.UTC(2026, 0, 1, 0, 0, 6) / 1000)
  })
})

describe('maths shown on screen', () => {
  it('treats a counter that went back (restart) as zero, not negative', () => {
    expect(ratePerSecond(5000, 100, 1)).toBe(0)
    expect(ratePerSecond(0, 100, 0)).toBe(0)
  })

  it('words the figures like docker stats', () => {
    expect(statsFigures(sample(3))).toEqual({
      cpu: '12.50%',
      memory: '1.504MiB / 7.601GiB',
      memoryPercent: '0.02%',
      netIo: '3kB / 0B',
      blockIo: '4.1MB / 0B',
      pids: '3',
    })
  })

  it('says "no limit" when the memory is unlimited', () => {
    expect(statsFigures(sample(1, { memoryLimit: 0 })).memory).toBe('1.504MiB / no limit')
  })

  it('summarises peak and average', () => {
    expect(summarise([1, 3, 2])).toEqual({ peak: 3, average: 2 })
    expect(summarise([])).toEqual({ peak: 0, average: 0 })
  })
})
