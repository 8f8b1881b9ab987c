import { describe, expect, it } from 'vitest'
import {
  formatBinaryBytes,
  formatBytes,
  formatPercent,
  formatRelative,
  shortId,
  toDate,
} from './format.ts'

describe('formatBytes (docker images / go-units HumanSize)', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [1234, '1.23kB'],
    [77_800_000, '77.8MB'],
    [4_000_000, '4MB'],
    [1_234_567_890, '1.23GB'],
    [-2048, '-2.05kB'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it('shows a dash for values that are not numbers', () => {
    expect(formatBytes(Number.NaN)).toBe('—')
  })
})

describe('formatBinaryBytes (docker stats memory / go-units BytesSize)', () => {
  it.each([
    [512, '512B'],
    [1024, '1KiB'],
    [1_577_058, '1.504MiB'],
    [8_162_000_000, '7.601GiB'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBinaryBytes(bytes)).toBe(text)
  })
})

describe('formatRelative', () => {
  it('says "ago" for the past and "in" for the future', () => {
    const now = new Date('2026-01-01T12:00:00Z')
    expect(formatRelative(new Date('2026-01-01T11:55:00Z'), now)).toBe('5 minutes ago')
    expect(formatRelative(new Date('2026-01-01T14:00:00Z'), now)).toBe('in 2 hours')
  })
})

describe('toDate, shortId, formatPercent', () => {
  it('reads ISO text and Unix seconds, and treats the zero time as absent', () => {
    expect(toDate(0)).toBeUndefined()
    expect(toDate('0001-01-01T00:00:00Z')).toBeUndefined()
    expect(toDate(1_700_000_000)?.toISOString()).toBe('2023-11-14T22:13:20.000Z')
  })

  it('shortens ids to 12 characters without the digest prefix', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab')
    expect(shortId('abcdef')).toBe('abcdef')
  })

  it('prints percentages with two decimals', () => {
    expect(formatPercent(12.345)).toBe('12.35%')
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—')
  })
})
