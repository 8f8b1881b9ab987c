import { describe, expect, it } from 'vitest'
import { backoffMs, isFinalClose } from './socket.ts'

describe('backoffMs', () => {
  it('doubles up to a ceiling, with jitter in the upper half', () => {
    expect(backoffMs(0, () => 0)).toBe(250)
    expect(backoffMs(0, () => 1)).toBe(500)
    expect(backoffMs(3, () => 1)).toBe(4000)
    expect(backoffMs(20, () => 1)).toBe(15_000)
    expect(backoffMs(20, () => 0)).toBe(7500)
  })
})

describe('isFinalClose', () => {
  it('does not retry after a normal end, a policy close, a gone target or a conflict', () => {
    expect([1000, 1008, 4404, 4409].every(isFinalClose)).toBe(true)
    expect([1006, 1011, 1001].some(isFinalClose)).toBe(false)
  })
})
