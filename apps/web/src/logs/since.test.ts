import { describe, expect, it } from 'vitest'
import { isValidSince } from './since.ts'

describe('isValidSince', () => {
  it.each(['', '10m', '2h', '1h30m', '1.5h', '500ms', '1700000000', '1700000000.5'])(
    'accepts %j',
    (value) => {
      expect(isValidSince(value)).toBe(true)
    },
  )

  it.each(['2025-01-02T03:04:05Z', '2025-01-02T03:04:05.123456789+02:00', '2025-01-02'])(
    'accepts the time %s',
    (value) => {
      expect(isValidSince(value)).toBe(true)
    },
  )

  it.each(['1h3', '10 m', 'yesterday', '2025-13-02T03:04:05Z', '2025-01-02T03:04'])(
    'refuses %j',
    (value) => {
      expect(isValidSince(value)).toBe(false)
    },
  )
})
