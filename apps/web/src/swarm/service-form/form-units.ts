/*
 * The units the form's fields are typed in, as `docker service create` takes them: Go durations
 * (`5s`, `1m30s`), sizes (`512m`, `64MiB`, 1024-based) and CPU counts (`0.5`).
 */

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
}

/** A Go duration (`time.ParseDuration`, no sign) in nanoseconds; undefined when not one. */
export function parseGoDuration(text: string): number | undefined {
  const value = text.trim()
  if (value === '0') return 0
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return undefined
  let total = 0
  for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(amount) * (DURATION_UNITS[unit ?? ''] ?? 0)
  return Math.round(total)
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
}

/** A size as go-units' `RAMInBytes` reads it (`512m`, `64MiB`, `2g`); undefined when not one. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim())
  if (!m) return undefined
  return Math.round(Number(m[1]) * (SIZE_UNITS[(m[2] ?? '').toLowerCase()] ?? 1))
}

/** A CPU count (`0.5`) in nano CPUs; undefined when not a positive number. */
export function parseCpus(text: string): number | undefined {
  const cpus = Number(text.trim())
  return text.trim() !== '' && Number.isFinite(cpus) && cpus > 0
    ? Math.round(cpus * 1e9)
    : undefined
}

/** A whole number (no sign); undefined when not one. */
export function parseWhole(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined
}
