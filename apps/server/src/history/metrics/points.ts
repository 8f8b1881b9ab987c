import { METRIC_NAMES, type MetricName } from '@harbormaster/contract'
import { bucketOf } from './tiers.ts'

/** One figure over a point's interval. */
export interface Band {
  min: number
  avg: number
  max: number
}

/** One sample's figures: CPU % of one core, memory bytes, rates in bytes per second. */
export type Figures = Record<MetricName, number>

/** A point of a tier: `n` samples of the 10 s tier folded into the interval starting at `t`. */
export interface Point {
  t: number
  n: number
  values: Record<MetricName, Band>
}

function mapFigures<T>(make: (name: MetricName) => T): Record<MetricName, T> {
  const out: Partial<Record<MetricName, T>> = {}
  for (const name of METRIC_NAMES) out[name] = make(name)
  return out as Record<MetricName, T>
}

/** A sample as a point of the finest tier: its band is the one value. */
export function pointOf(t: number, figures: Figures): Point {
  return {
    t,
    n: 1,
    values: mapFigures((name) => {
      const value = figures[name]
      return { min: value, avg: value, max: value }
    }),
  }
}

/**
 * Two points of the same interval as one: the lowest of the lows, the highest of the highs, and
 * the average weighted by the samples each stands for (a minute with a missed read is not
 * skewed towards the reads it lacks).
 */
export function merge(a: Point, b: Point, t = a.t): Point {
  const n = a.n + b.n
  return {
    t,
    n,
    values: mapFigures((name) => {
      const x = a.values[name]
      const y = b.values[name]
      return {
        min: Math.min(x.min, y.min),
        avg: (x.avg * a.n + y.avg * b.n) / n,
        max: Math.max(x.max, y.max),
      }
    }),
  }
}

/** Points of a finer tier as the coarser tier of `stepMs` keeps them, oldest first. */
export function downsample(points: readonly Point[], stepMs: number): Point[] {
  const byBucket = new Map<number, Point>()
  for (const point of points) {
    const t = bucketOf(point.t, stepMs)
    const held = byBucket.get(t)
    byBucket.set(t, held === undefined ? { ...point, t } : merge(held, point, t))
  }
  return [...byBucket.values()].sort((a, b) => a.t - b.t)
}

/**
 * Folds a tier's points into the next tier's as they arrive: `add` answers the coarser point
 * once a point of a later interval shows the previous one is complete.
 */
export class Rollup {
  readonly #stepMs: number
  #open: Point | undefined

  constructor(stepMs: number) {
    this.#stepMs = stepMs
  }

  add(point: Point): Point | undefined {
    const t = bucketOf(point.t, this.#stepMs)
    const open = this.#open
    if (open?.t === t) {
      this.#open = merge(open, point, t)
      return undefined
    }
    this.#open = { ...point, t }
    // A point older than the open interval (clock stepped back) starts over: never reopened.
    return open && open.t < t ? open : undefined
  }

  /** The interval still open (at shutdown: written partial, merged when the server is back). */
  take(): Point | undefined {
    const open = this.#open
    this.#open = undefined
    return open
  }
}
