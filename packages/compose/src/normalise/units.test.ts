import { describe, expect, it } from 'vitest'
import { parseBytes, parseDuration } from './units.ts'

const SECOND = 1e9

describe('parseDuration (Go durations with d and w, in nanoseconds)', () => {
  it.each([
    ['10s', 10 * SECOND],
    ['1m30s', 90 * SECOND],
    ['1h', 3600 * SECOND],
    ['1.5h', 5400 * SECOND],
    ['500ms', 0.5 * SECOND],
    ['1.5ms', 1_500_000],
    ['10us', 10_000],
    ['10µs', 10_000],
    ['42ns', 42],
    ['2d', 2 * 86_400 * SECOND],
    ['1w', 7 * 86_400 * SECOND],
    ['1h2m3s4ms', 3723.004 * SECOND],
    ['.5s', 0.5 * SECOND],
    ['0', 0],
    ['+5s', 5 * SECOND],
  ])('%s is %d ns', (text, ns) => {
    expect(parseDuration(text)).toBe(ns)
  })

  it.each([
    ['', /invalid duration/],
    ['10', /missing unit/],
    ['5x', /unknown unit "x"/],
    ['1m30', /missing unit/],
    ['s', /invalid duration/],
    ['-5s', /must not be negative/],
    ['1.2.3s', /missing unit/],
  ])('%j is refused (%s)', (text, message) => {
    expect(parseDuration(text)).toEqual(
      expect.objectContaining({ message: expect.stringMatching(message) }),
    )
  })
})

describe('parseBytes (go-units RAMInBytes: binary multiples)', () => {
  it.each([
    ['512m', 512 * 2 ** 20],
    ['512M', 512 * 2 ** 20],
    ['1gb', 2 ** 30],
    ['1GiB', 2 ** 30],
    ['1.5g', 1.5 * 2 ** 30],
    ['64k', 64 * 1024],
    ['2 MiB', 2 * 2 ** 20],
    ['100b', 100],
    ['1024', 1024],
    ['-1', -1],
    ['1.5', 1],
    [2048, 2048],
  ])('%j is %d bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes)
  })

  it.each(['', 'lots', '1x', '1mbb', '1gig', 'm', '1.5.5k'])('%j is refused', (text) => {
    expect(parseBytes(text)).toBeInstanceOf(Error)
  })
})
