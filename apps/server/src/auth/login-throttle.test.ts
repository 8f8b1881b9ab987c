import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle.ts'

const MINUTE = 60_000

function throttleWithClock(options: ConstructorParameters<typeof LoginThrottle>[0] = {}) {
  const clock = { now: 0 }
  return { clock, throttle: new LoginThrottle({ ...options, now: () => clock.now }) }
}

describe('LoginThrottle', () => {
  it('locks an account after 5 failures, doubling the lock with each further failure', () => {
    const { clock, throttle } = throttleWithClock()
    for (let i = 0; i < 4; i++) throttle.recordFailure(`10.0.0.${i}`, 'Admin')
    expect(throttle.retryAfter('10.0.1.1', 'admin')).toBe(0)

    throttle.recordFailure('10.0.0.9', 'admin')
    expect(throttle.retryAfter('10.0.1.1', 'ADMIN')).toBe(60)
    clock.now += MINUTE
    throttle.recordFailure('10.0.0.9', 'admin')
    expect(throttle.retryAfter('10.0.1.1', 'admin')).toBe(120)
  })

  it('forgets an account after a quiet window, and at once after a success', () => {
    const { clock, throttle } = throttleWithClock()
    for (let i = 0; i < 5; i++) throttle.recordFailure('10.0.0.1', 'a')
    clock.now += 16 * MINUTE
    throttle.recordFailure('10.0.0.1', 'a')
    expect(throttle.retryAfter('10.0.0.2', 'a')).toBe(0)

    for (let i = 0; i < 5; i++) throttle.recordFailure('10.0.0.3', 'b')
    throttle.recordSuccess('b')
    expect(throttle.retryAfter('10.0.0.4', 'b')).toBe(0)
  })

  it('locks an address after 20 failures across accounts, whatever account it tries next', () => {
    const { throttle } = throttleWithClock()
    for (let i = 0; i < 20; i++) throttle.recordFailure('10.0.0.1', `user${i}`)

    expect(throttle.retryAfter('10.0.0.1', 'fresh')).toBeGreaterThan(0)
    expect(throttle.retryAfter('10.0.0.2', 'fresh')).toBe(0)
    throttle.recordSuccess('fresh')
    expect(throttle.retryAfter('10.0.0.1', 'fresh')).toBeGreaterThan(0)
  })

  it('caps the lock and the memory it uses', () => {
    const { throttle } = throttleWithClock({ maxEntries: 3 })
    for (let i = 0; i < 40; i++) throttle.recordFailure('10.0.0.1', 'a')
    expect(throttle.retryAfter('x', 'a')).toBe(3600)

    for (const name of ['b', 'c', 'd']) throttle.recordFailure('10.0.0.2', name)
    // 'a' failed least recently of the four accounts, so it was evicted.
    expect(throttle.retryAfter('x', 'a')).toBe(0)
  })
})
