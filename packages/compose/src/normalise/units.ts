import type { Bytes, Nanoseconds } from '../model/service.ts'

const NS_PER: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86_400e9,
  w: 604_800e9,
}

/**
 * A duration as compose reads one (Go's `time.ParseDuration` plus `d` and `w`, from
 * go-str2duration): `1m30s`, `1.5h`, `10s`, `0`. Returns nanoseconds; negative durations are
 * refused, as nothing in a compose file can use one.
 */
export function parseDuration(text: string): Nanoseconds | Error {
  const invalid = () => new Error(`invalid duration ${JSON.stringify(text)}`)
  let rest = text
  if (rest.startsWith('-'))
    return new Error(`duration ${JSON.stringify(text)} must not be negative`)
  if (rest.startsWith('+')) rest = rest.slice(1)
  if (rest === '0') return 0
  if (rest === '') return invalid()
  let total = 0
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)
    const whole = number?.[1] ?? ''
    const fraction = number?.[2] ?? ''
    if (whole === '' && fraction === '') return invalid()
    rest = rest.slice(number?.[0].length ?? 0)
    const unit = /^[^\d.]+/.exec(rest)?.[0]
    if (unit === undefined) return new Error(`missing unit in duration ${JSON.stringify(text)}`)
    const scale = NS_PER[unit]
    if (scale === undefined)
      return new Error(`unknown unit "${unit}" in duration ${JSON.stringify(text)}`)
    rest = rest.slice(unit.length)
    total += Number(whole === '' ? 0 : whole) * scale
    if (fraction !== '') total += Math.trunc(Number(`0.${fraction}`) * scale)
  }
  return total
}

const BINARY_UNITS: Record<string, number> = {
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
}

/**
 * A size as compose reads one (go-units `RAMInBytes`, binary multiples): `512m`, `1gb`, `1.5G`,
 * `2 KiB`, `1024`. An integer is bytes.
 */
export function parseBytes(value: string | number): Bytes | Error {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? value
      : new Error(`invalid size ${value}: not a whole number of bytes`)
  }
  const invalid = () => new Error(`invalid size ${JSON.stringify(value)}`)
  if (/^-?\d+$/.test(value)) return Number(value)
  const spaced = value.indexOf(' ')
  const split = spaced >= 0 ? spaced : value.search(/[0-9.][^0-9.]*$/)
  if (split < 0) return invalid()
  const number = value.slice(0, spaced >= 0 ? spaced : split + 1)
  const suffix = value.slice(spaced >= 0 ? spaced + 1 : split + 1).toLowerCase()
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(number)) return invalid()
  const size = Number(number)
  if (suffix === '' || suffix === 'b') return Math.trunc(size)
  const multiplier = BINARY_UNITS[suffix.charAt(0)]
  const tail = suffix.slice(1)
  if (multiplier === undefined || !['', 'b', 'ib'].includes(tail)) {
    return new Error(`invalid size ${JSON.stringify(value)}: unknown unit "${suffix}"`)
  }
  return Math.trunc(size * multiplier)
}
