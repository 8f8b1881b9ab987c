import type { MetricRange, MetricTier } from '@harbormaster/contract'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

export interface Tier {
  name: MetricTier
  /** Stored as this number in the rows. */
  level: 0 | 1 | 2
  stepMs: number
  /** How long its points are kept (before HARBORMASTER_METRICS_RETENTION_DAYS shortens it). */
  keepMs: number
}

/** Finest first: each coarser tier is the min/avg/max of the one before it. */
export const TIERS: readonly [Tier, Tier, Tier] = [
  { name: '10s', level: 0, stepMs: 10_000, keepMs: DAY_MS },
  { name: '1m', level: 1, stepMs: MINUTE_MS, keepMs: 7 * DAY_MS },
  { name: '10m', level: 2, stepMs: 10 * MINUTE_MS, keepMs: 90 * DAY_MS },
]

/** How often each running container is read: the finest tier's step. */
export const SAMPLE_PERIOD_MS = TIERS[0].stepMs

export const RANGE_MS: Record<MetricRange, number> = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '90d': 90 * DAY_MS,
}

/** The finest tier that still covers the whole range. */
export function tierFor(range: MetricRange): Tier {
  const wanted = RANGE_MS[range]
  return TIERS.find((tier) => tier.keepMs >= wanted) ?? TIERS[2]
}

/** Each tier's age limit once the coarsest is capped at `retentionDays`. */
export function keepMsOf(tier: Tier, retentionDays: number): number {
  return Math.min(tier.keepMs, retentionDays * DAY_MS)
}

/** The start of the step that holds `t`. */
export function bucketOf(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs
}
