import {
  METRIC_NAMES,
  type MetricHistory,
  type MetricIdChange,
  type MetricRange,
} from '@harbormaster/contract'
import type { Point } from './points.ts'
import type { Tier } from './tiers.ts'

export interface HistoryAnswer {
  enabled: boolean
  range: MetricRange
  tier: Tier
  from: number
  to: number
  series: { key: string; name: string }
  points: readonly Point[]
  idChanges: MetricIdChange[]
}

const round2 = (value: number) => Math.round(value * 100) / 100

/** Points as columns, the shape a chart takes (one array per band of each figure). */
export function toHistoryDto(answer: HistoryAnswer): MetricHistory {
  const { points } = answer
  const metrics = {} as MetricHistory['metrics']
  for (const name of METRIC_NAMES) {
    metrics[name] = {
      min: points.map((p) => round2(p.values[name].min)),
      avg: points.map((p) => round2(p.values[name].avg)),
      max: points.map((p) => round2(p.values[name].max)),
    }
  }
  return {
    enabled: answer.enabled,
    range: answer.range,
    tier: answer.tier.name,
    stepSeconds: answer.tier.stepMs / 1000,
    from: answer.from,
    to: answer.to,
    series: answer.series,
    times: points.map((p) => p.t),
    metrics,
    idChanges: answer.idChanges,
  }
}
