import type { StatsSampleDto } from '@harbormaster/contract'
import { formatBinaryBytes, formatBytes, formatPercent } from '../platform/format.ts'

/** Five minutes at the engine's one sample per second. */
export const HISTORY_SECONDS = 300

/** Columns for uPlot: time in seconds, then one array per series; bounded to the window. */
export interface StatsSeries {
  time: number[]
  cpu: number[]
  memory: number[]
  rxRate: number[]
  txRate: number[]
  last?: StatsSampleDto
}

export function emptySeries(): StatsSeries {
  return { time: [], cpu: [], memory: [], rxRate: [], txRate: [] }
}

/** Bytes per second between two counters; a counter that went back (restart) gives 0. */
export function ratePerSecond(previous: number, current: number, seconds: number): number {
  if (!(seconds > 0) || current < previous) return 0
  return (current - previous) / seconds
}

/** Adds a sample; samples out of order or repeated are ignored; the window keeps its length. */
export function addSample(
  series: StatsSeries,
  sample: StatsSampleDto,
  window = HISTORY_SECONDS,
): StatsSeries {
  const t = Date.parse(sample.read) / 1000
  if (!Number.isFinite(t)) return series
  const lastT = series.time[series.time.length - 1]
  if (lastT !== undefined && t <= lastT) return { ...series, last: sample }
  const prev = series.last
  const dt = lastT === undefined ? 0 : t - lastT
  const keep = (list: number[], value: number) => {
    const next = [...list, value]
    return next.length > window ? next.slice(next.length - window) : next
  }
  return {
    time: keep(series.time, t),
    cpu: keep(series.cpu, sample.cpuPercent),
    memory: keep(series.memory, sample.memoryUsed),
    rxRate: keep(series.rxRate, prev ? ratePerSecond(prev.networkRx, sample.networkRx, dt) : 0),
    txRate: keep(series.txRate, prev ? ratePerSecond(prev.networkTx, sample.networkTx, dt) : 0),
    last: sample,
  }
}

/** The figures shown beside the charts, worded like `docker stats`. */
export function statsFigures(sample: StatsSampleDto) {
  return {
    cpu: formatPercent(sample.cpuPercent),
    memory: `${formatBinaryBytes(sample.memoryUsed)} / ${
      sample.memoryLimit > 0 ? formatBinaryBytes(sample.memoryLimit) : 'no limit'
    }`,
    memoryPercent: sample.memoryLimit > 0 ? formatPercent(sample.memoryPercent) : '—',
    netIo: `${formatBytes(sample.networkRx)} / ${formatBytes(sample.networkTx)}`,
    blockIo: `${formatBytes(sample.blockRead)} / ${formatBytes(sample.blockWrite)}`,
    pids: String(sample.pids),
  }
}

/** Peak and average of a series, for the chart's caption. */
export function summarise(values: readonly number[]): { peak: number; average: number } {
  if (values.length === 0) return { peak: 0, average: 0 }
  let peak = -Infinity
  let sum = 0
  for (const v of values) {
    peak = Math.max(peak, v)
    sum += v
  }
  return { peak, average: sum / values.length }
}
