import { describe, expect, it } from 'vitest'
import { toEngineLogTime } from './log-times.ts'

const NOW = Date.parse('2026-12-06T12:00:00Z')

describe('toEngineLogTime (the one rule the server converts with and the web checks with)', () => {
  it.each([
    ['1700000000', '1700000000'],
    ['1700000000.5', '1700000000.5'],
    ['2026-12-06T11:00:00Z', '1796554800.000000000'],
    ['2026-12-06T11:00:00.123456789+01:00', '1796551200.123456789'],
    ['2026-12-06', '1796515200'],
    ['10m', ((NOW - 600_000) / 1000).toFixed(3)],
    ['1h30m', ((NOW - 5_400_000) / 1000).toFixed(3)],
  ])('reads %s as %s', (text, engine) => {
    expect(toEngineLogTime(text, NOW)).toBe(engine)
  })

  it.each(['', 'yesterday', '10x', '2026-13-45', '2026-12-06T25:00:00Z', '-5m', '1e9'])(
    'refuses %j',
    (text) => {
      expect(toEngineLogTime(text, NOW)).toBeUndefined()
    },
  )
})
