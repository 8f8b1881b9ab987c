import { z } from 'zod'

/** How far back a metric history chart reaches. */
export const metricRangeSchema = z.enum(['1h', '24h', '7d', '90d'])
export type MetricRange = z.infer<typeof metricRangeSchema>

/** The query of both history routes: the range, 1 hour unless asked. */
export const metricHistoryQuerySchema = z.strictObject({
  range: metricRangeSchema.default('1h'),
})

/**
 * A tier of the history: samples every 10 s (kept 24 h), their 1-minute min/avg/max (7 days),
 * and those downsampled to 10 minutes (90 days).
 */
export const metricTierSchema = z.enum(['10s', '1m', '10m'])
export type MetricTier = z.infer<typeof metricTierSchema>

/**
 * One figure over time, one value per point: the average over the point's interval, with the
 * lowest and highest seen in it (equal to the average on the 10 s tier, which is one sample).
 */
export const metricBandSchema = z.object({
  min: z.array(z.number()),
  avg: z.array(z.number()),
  max: z.array(z.number()),
})
export type MetricBand = z.infer<typeof metricBandSchema>

/** The figures a history keeps, as `docker stats` shows them; rates are bytes per second. */
export const METRIC_NAMES = [
  'cpuPercent',
  'memoryUsed',
  'networkRx',
  'networkTx',
  'blockRead',
  'blockWrite',
] as const
export type MetricName = (typeof METRIC_NAMES)[number]

/** A container's series took another container id (recreated): the chart marks it. */
export const metricIdChangeSchema = z.object({
  /** Milliseconds since the epoch. */
  at: z.number(),
  containerId: z.string(),
})
export type MetricIdChange = z.infer<typeof metricIdChangeSchema>

/**
 * A series over a range, columnar as a chart takes it: `times[i]` (ms since the epoch, start of
 * the point's interval) goes with every metric's `i`th value. Points are only where samples were
 * taken: a gap longer than a step means nothing was running or history was off.
 */
export const metricHistorySchema = z.object({
  /** Whether the host's metric history is on now (an admin turns it on in the host's settings). */
  enabled: z.boolean(),
  range: metricRangeSchema,
  tier: metricTierSchema,
  stepSeconds: z.int(),
  /** The range asked, ms since the epoch. */
  from: z.number(),
  to: z.number(),
  /** What the series is of: the host, or a container's key within its stack or host. */
  series: z.object({ key: z.string(), name: z.string() }),
  times: z.array(z.number()),
  metrics: z.object({
    cpuPercent: metricBandSchema,
    memoryUsed: metricBandSchema,
    networkRx: metricBandSchema,
    networkTx: metricBandSchema,
    blockRead: metricBandSchema,
    blockWrite: metricBandSchema,
  }),
  idChanges: z.array(metricIdChangeSchema),
})
export type MetricHistory = z.infer<typeof metricHistorySchema>

/**
 * What turning metric history on would cost on this host, from the figures measured by the
 * benchmark (engine CPU per container read every 10 s, database bytes per container per day).
 */
export const metricHistoryEstimateSchema = z.object({
  runningContainers: z.int(),
  /** Engine CPU, percent of one core, for the containers running now. */
  enginePercentOfCore: z.number(),
  /** Database growth per day at first; it levels off once each tier reaches its age. */
  databaseMbPerDay: z.number(),
  /** Database size once every tier is full (90 days), for these containers. */
  databaseMbAtMost: z.number(),
})
export type MetricHistoryEstimate = z.infer<typeof metricHistoryEstimateSchema>
