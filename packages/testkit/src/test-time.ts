import { availableParallelism, loadavg } from 'node:os'

/** A busy machine's deadlines grow up to this factor unless the variable says otherwise. */
export const MAX_MEASURED_SCALE = 3

/**
 * How much slower than an idle machine this run may be; test deadlines are multiplied by it.
 * `HARBORMASTER_TEST_TIME_SCALE` when set (e.g. 3 on a slow CI runner), else measured: the last
 * minute's load average per CPU, between 1 and {@link MAX_MEASURED_SCALE}. The Vitest config
 * measures once and hands the value to every worker, so one run has one scale. A deadline only
 * bounds how long a test waits for a condition before it fails, never how long a passing test
 * takes, so a generous scale costs nothing when all is well.
 */
export const TEST_TIME_SCALE =
  readScale(process.env.HARBORMASTER_TEST_TIME_SCALE) ?? measuredScale()

/** A test deadline in milliseconds, scaled for this run. */
export function scaled(ms: number): number {
  return Math.round(ms * TEST_TIME_SCALE)
}

function measuredScale(): number {
  const [lastMinute = 0] = loadavg()
  const perCpu = lastMinute / availableParallelism()
  return Math.round(Math.min(MAX_MEASURED_SCALE, Math.max(1, perCpu)) * 10) / 10
}

function readScale(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined
  const scale = Number(text)
  if (!Number.isFinite(scale) || scale < 1) {
    throw new Error(`HARBORMASTER_TEST_TIME_SCALE must be a number of at least 1, not "${text}"`)
  }
  return scale
}
