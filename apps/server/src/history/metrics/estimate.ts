import type { MetricHistoryEstimate } from '@harbormaster/contract'
import { SAMPLE_PERIOD_MS, TIERS } from './tiers.ts'

/**
 * Engine CPU (dockerd, containerd and shims) per running container read every 10 s, % of one
 * core: `npm run bench` scenario 13 (bench/history-metrics.ts), 100 running containers: 0.031
 * and 0.035 in two runs (one `docker stats`: 0.195 and 0.225), 0.033 for a server sampling them.
 */
export const ENGINE_PERCENT_PER_CONTAINER = 0.035

/**
 * Bytes of database per point, rounded up from what was measured: 51 (10 s) and 77 (1 and
 * 10 min) in the bounds test (metric-store.test.ts "stops growing": pages in use over points
 * kept), and 49 per 10 s point for 100 containers sampled by a server for 10 minutes, their
 * series interleaved as in use (the pages in use grew 288 KiB for 6,060 points).
 */
export const BYTES_PER_10S_POINT = 55
export const BYTES_PER_ROLLUP_POINT = 80

const DAY_MS = 24 * 60 * 60 * 1000
const MB = 1024 * 1024

/** What turning history on would cost for the containers running now (the host's series too). */
export function estimateFor(runningContainers: number): MetricHistoryEstimate {
  const series = runningContainers + 1
  const per10s = DAY_MS / SAMPLE_PERIOD_MS
  const perMinute = DAY_MS / TIERS[1].stepMs
  const perTenMinutes = DAY_MS / TIERS[2].stepMs
  const perDay =
    series * (per10s * BYTES_PER_10S_POINT + (perMinute + perTenMinutes) * BYTES_PER_ROLLUP_POINT)
  const atMost =
    series *
    ((TIERS[0].keepMs / SAMPLE_PERIOD_MS) * BYTES_PER_10S_POINT +
      (TIERS[1].keepMs / TIERS[1].stepMs + TIERS[2].keepMs / TIERS[2].stepMs) *
        BYTES_PER_ROLLUP_POINT)
  const round1 = (value: number) => Math.round(value * 10) / 10
  return {
    runningContainers,
    enginePercentOfCore: round1(runningContainers * ENGINE_PERCENT_PER_CONTAINER),
    databaseMbPerDay: round1(perDay / MB),
    databaseMbAtMost: round1(atMost / MB),
  }
}
