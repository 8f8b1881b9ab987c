/**
 * How much slower than an idle machine this run may be, from `HARBORMASTER_TEST_TIME_SCALE`
 * (default 1; e.g. 3 on a slow CI runner). Test deadlines are multiplied by it. A deadline only
 * bounds how long a test waits for a condition before it fails, never how long a passing test
 * takes, so a generous scale costs nothing when all is well.
 */
export const TEST_TIME_SCALE = readScale(process.env.HARBORMASTER_TEST_TIME_SCALE)

/** A test deadline in milliseconds, scaled for this run. */
export function scaled(ms: number): number {
  return Math.round(ms * TEST_TIME_SCALE)
}

function readScale(text: string | undefined): number {
  if (text === undefined || text === '') return 1
  const scale = Number(text)
  if (!Number.isFinite(scale) || scale < 1) {
    throw new Error(`HARBORMASTER_TEST_TIME_SCALE must be a number of at least 1, not "${text}"`)
  }
  return scale
}
