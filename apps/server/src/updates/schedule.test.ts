import { describe, expect, it } from 'vitest'
import { nextCheckDelay } from './schedule.ts'

const HOUR = 3_600_000
const now = 1_000 * HOUR

describe('nextCheckDelay', () => {
  it('never checks at start: at least half an interval away, whatever the random draw', () => {
    for (const draw of [0, 0.5, 0.999]) {
      const delay = nextCheckDelay({
        intervalMs: 6 * HOUR,
        lastRun: undefined,
        now,
        random: () => draw,
      })
      expect(delay).toBeGreaterThanOrEqual(3 * HOUR)
      expect(delay).toBeLessThanOrEqual(6 * HOUR)
    }
    // A restart right after a check does not bring the next one forward either.
    const delay = nextCheckDelay({
      intervalMs: 6 * HOUR,
      lastRun: now - 7 * HOUR,
      now,
      random: () => 0,
    })
    expect(delay).toBe(3 * HOUR)
  })

  it('runs an interval after the last check, jittered by ±10 %', () => {
    const early = nextCheckDelay({ intervalMs: 6 * HOUR, lastRun: now, now, random: () => 0 })
    const late = nextCheckDelay({ intervalMs: 6 * HOUR, lastRun: now, now, random: () => 1 })
    expect(early).toBeCloseTo(5.4 * HOUR)
    expect(late).toBeCloseTo(6.6 * HOUR)
  })
})
