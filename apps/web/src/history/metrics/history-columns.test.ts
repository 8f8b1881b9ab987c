import type { MetricHistory } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { type HistoryLine, historyColumns } from './history-columns.ts'

const band = (values: number[]) => ({
  min: values.map((v) => v - 1),
  avg: values,
  max: values.map((v) => v + 1),
})
function history(tier: MetricHistory['tier'], times: number[], cpu: number[]): MetricHistory {
  const zero = band(times.map(() => 0))
  return {
    enabled: true,
    range: '1h',
    tier,
    stepSeconds: tier === '10s' ? 10 : 60,
    from: 0,
    to: 3_600_000,
    series: { key: 'name:web', name: 'web' },
    times,
    metrics: {
      cpuPercent: band(cpu),
      memoryUsed: zero,
      networkRx: zero,
      networkTx: zero,
      blockRead: zero,
      blockWrite: zero,
    },
    idChanges: [],
  }
}
const CPU: HistoryLine[] = [{ metric: 'cpuPercent', label: 'CPU', color: '#000', band: true }]

describe('history columns for uPlot', () => {
  it('breaks the line where points are more than a step and a half apart', () => {
    const columns = historyColumns(history('10s', [0, 10_000, 40_000, 50_000], [1, 2, 3, 4]), CPU)
    expect(columns).toEqual([
      [0, 10, 20, 40, 50],
      [1, 2, null, 3, 4],
    ])
  })

  it('adds the min and max columns for downsampled tiers only', () => {
    expect(historyColumns(history('1m', [0, 60_000], [5, 7]), CPU)).toEqual([
      [0, 60],
      [5, 7],
      [4, 6],
      [6, 8],
    ])
    expect(historyColumns(history('10s', [0], [5]), CPU)).toHaveLength(2)
  })
})
