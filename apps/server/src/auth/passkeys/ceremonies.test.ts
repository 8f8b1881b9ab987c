import { describe, expect, it } from 'vitest'
import { PasskeyCeremonies } from './ceremonies.ts'

describe('pending WebAuthn ceremonies', () => {
  it('hand each challenge back once, and none after three minutes', () => {
    let now = 0
    const ceremonies = new PasskeyCeremonies({ now: () => now })
    ceremonies.begin('a', 'challenge-a')
    ceremonies.begin('b', 'challenge-b')
    expect(ceremonies.take('a')).toBe('challenge-a')
    expect(ceremonies.take('a')).toBeUndefined()
    now = 3 * 60_000
    expect(ceremonies.take('b')).toBeUndefined()
  })

  it('keep a bounded number, dropping the expired and then the oldest', () => {
    let now = 0
    const ceremonies = new PasskeyCeremonies({ now: () => now })
    for (let i = 0; i < 10_050; i++) ceremonies.begin(`k${i}`, `c${i}`)
    expect(ceremonies.size).toBeLessThanOrEqual(10_000)
    expect(ceremonies.take('k10049')).toBe('c10049')
    expect(ceremonies.take('k0')).toBeUndefined()
    now = 4 * 60_000
    ceremonies.begin('fresh', 'c')
    expect(ceremonies.size).toBe(1)
  })
})
