import { humanDuration } from '@harbormaster/contract'

/**
 * Formatters that match what the docker CLI prints, so a number here reads like `docker ps`,
 * `docker images` and `docker stats` (go-units HumanSize, BytesSize and HumanDuration).
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const

function customSize(
  bytes: number,
  base: number,
  units: readonly string[],
  precision: number,
): string {
  if (!Number.isFinite(bytes)) return '—'
  let size = Math.abs(bytes)
  let unit = 0
  while (size >= base && unit < units.length - 1) {
    size /= base
    unit++
  }
  // Go's %g drops trailing zeros: 4.00 -> 4, 77.80 -> 77.8.
  const text = String(Number(size.toPrecision(precision)))
  return `${bytes < 0 ? '-' : ''}${text}${units[unit] ?? ''}`
}

/** Sizes as `docker images` and `docker ps -s` show them: 1000-based, 3 digits ("77.8MB"). */
export function formatBytes(bytes: number): string {
  return customSize(bytes, 1000, DECIMAL_UNITS, 3)
}

/** Memory as `docker stats` shows it: 1024-based, 4 digits ("1.504MiB"). */
export function formatBinaryBytes(bytes: number): string {
  return customSize(bytes, 1024, BINARY_UNITS, 4)
}

/** "5 minutes ago", as the CREATED column of `docker ps`; future times say "in …". */
export function formatRelative(time: Date, now: Date = new Date()): string {
  const delta = now.getTime() - time.getTime()
  if (Number.isNaN(delta)) return '—'
  if (delta < -1000) return `in ${humanDuration(-delta).toLowerCase()}`
  return `${humanDuration(Math.max(0, delta))} ago`
}

/** Engine times come as ISO text or Unix seconds. The zero time ("0001-01-01…") means never. */
export function toDate(value: string | number | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value)
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1971) return undefined
  return date
}

/** Ids as the CLI shows them: 12 characters, without the `sha256:` prefix. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12)
}

/** A percentage as `docker stats` prints it: two decimals and a percent sign. */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}%` : '—'
}
