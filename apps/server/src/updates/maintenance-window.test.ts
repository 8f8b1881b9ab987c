import { describe, expect, it } from 'vitest'
import { describeWindow, inWindow, msUntilOpens, parseWindow } from './maintenance-window.ts'

const at = (clock: string) => Date.parse(`2026-12-07T${clock}:00.000Z`)

describe('maintenance window', () => {
  it('holds from its start up to, not including, its end, in UTC', () => {
    const window = parseWindow('02:00-05:00')
    expect(inWindow(window, at('01:59'))).toBe(false)
    expect(inWindow(window, at('02:00'))).toBe(true)
    expect(inWindow(window, at('04:59'))).toBe(true)
    expect(inWindow(window, at('05:00'))).toBe(false)
    expect(describeWindow(window)).toBe('02:00-05:00 UTC')
  })

  it('wraps past midnight when the end comes first, and may span the whole day', () => {
    const night = parseWindow('22:30-04:00')
    expect(inWindow(night, at('23:00'))).toBe(true)
    expect(inWindow(night, at('03:59'))).toBe(true)
    expect(inWindow(night, at('12:00'))).toBe(false)
    const always = parseWindow('00:00-24:00')
    expect(inWindow(always, at('00:00'))).toBe(true)
    expect(inWindow(always, at('23:59'))).toBe(true)
  })

  it('refuses what is not a window', () => {
    expect(() => parseWindow('2-5')).toThrow(/HH:MM-HH:MM/)
    expect(() => parseWindow('25:00-26:00')).toThrow(/HH:MM-HH:MM/)
  })

  it('opens next later today, or tomorrow once today’s opening has passed', () => {
    const window = parseWindow('02:00-05:00')
    const minutes = (n: number) => n * 60_000
    expect(msUntilOpens(window, at('01:30'))).toBe(minutes(30))
    expect(msUntilOpens(window, at('02:00'))).toBe(minutes(24 * 60))
    expect(msUntilOpens(window, at('03:00'))).toBe(minutes(23 * 60))
  })
})
