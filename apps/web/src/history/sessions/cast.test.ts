import { describe, expect, it } from 'vitest'
import { parseCast } from './cast.ts'

const cast = (...events: unknown[]) =>
  [
    JSON.stringify({ version: 2, width: 40, height: 10 }),
    ...events.map((e) => JSON.stringify(e)),
  ].join('\n')

describe('reading an asciicast v2 recording', () => {
  it('caps idle gaps, so a ten-minute pause plays in two seconds', () => {
    const parsed = parseCast(cast([0.5, 'o', 'a'], [600.5, 'o', 'b'], [601, 'r', '80x24']))

    expect(parsed.events.map((e) => [e.at, e.code])).toEqual([
      [0.5, 'o'],
      [2.5, 'o'],
      [3, 'r'],
    ])
    expect(parsed).toMatchObject({ width: 40, height: 10, duration: 3 })
  })

  it("takes the header's idle_time_limit, skips lines that are not events, refuses v1", () => {
    const text = [
      JSON.stringify({ version: 2, width: 80, height: 24, idle_time_limit: 0.5 }),
      JSON.stringify([1, 'o', 'x']),
      'not json',
      JSON.stringify({ not: 'an event' }),
      JSON.stringify([9, 'o', 'y']),
    ].join('\n')

    expect(parseCast(text).events.map((e) => e.at)).toEqual([0.5, 1])
    expect(() => parseCast(JSON.stringify({ version: 1 }))).toThrow(/v2/)
  })
})
