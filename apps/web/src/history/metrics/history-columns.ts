import type { MetricHistory, MetricName } from '@harbormaster/contract'

/** One line of a history chart; `band` draws the min–max area around it (downsampled tiers). */
export interface HistoryLine {
  metric: MetricName
  label: string
  color: string
  band: boolean
}

/** uPlot's columns: times in seconds, then per line its average, and min and max when banded. */
export type Columns = [number[], ...(number | null)[][]]

/**
 * The history as uPlot columns, with a gap (nulls) wherever points are more than a step and a
 * half apart: nothing was running then, or history was off, and a line across would invent it.
 */
export function historyColumns(history: MetricHistory, lines: readonly HistoryLine[]): Columns {
  const step = history.stepSeconds * 1000
  const rows: { t: number; index: number | undefined }[] = []
  history.times.forEach((t, index) => {
    const previous = rows.at(-1)
    if (previous !== undefined && t - previous.t > step * 1.5) {
      rows.push({ t: previous.t + step, index: undefined })
    }
    rows.push({ t, index })
  })
  const times = rows.map((row) => row.t / 1000)
  const columns: (number | null)[][] = []
  for (const line of lines) {
    const band = history.metrics[line.metric]
    const read = (values: number[]) =>
      rows.map((row) => (row.index === undefined ? null : (values[row.index] ?? null)))
    columns.push(read(band.avg))
    if (line.band && history.tier !== '10s') columns.push(read(band.min), read(band.max))
  }
  return [times, ...columns]
}

/** Whether the tier's points have a min–max band worth drawing (the 10 s tier is one sample). */
export const hasBands = (history: MetricHistory) => history.tier !== '10s'
