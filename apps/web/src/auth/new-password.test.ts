import { MAX_PASSWORD_BYTES } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { passwordProblems, repeatGoneWrong } from './new-password.ts'

describe('passwordProblems', () => {
  it('accepts a long enough password typed twice', () => {
    expect(passwordProblems('correct horse', 'correct horse')).toEqual({})
  })

  it('asks for the contract’s minimum length', () => {
    expect(passwordProblems('short', 'short')).toEqual({ password: 'At least 8 characters' })
  })

  it('keeps the contract’s words for the byte cap', () => {
    const long = 'é'.repeat(MAX_PASSWORD_BYTES)
    expect(passwordProblems(long, long).password).toMatch(/at most 1024 bytes/)
  })

  it('says when the repetition differs', () => {
    expect(passwordProblems('correct horse', 'correct hose')).toEqual({
      repeat: 'The two passwords differ',
    })
  })
})

describe('repeatGoneWrong', () => {
  it('waits while the repetition is a right beginning', () => {
    expect(repeatGoneWrong('correct horse', '')).toBe(false)
    expect(repeatGoneWrong('correct horse', 'corr')).toBe(false)
    expect(repeatGoneWrong('correct horse', 'corx')).toBe(true)
    expect(repeatGoneWrong('correct horse', 'correct horse!')).toBe(true)
  })
})
