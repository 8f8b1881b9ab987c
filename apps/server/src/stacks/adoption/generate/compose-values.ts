import type { PortBindingSetting } from '@harbormaster/engine'

/**
 * A value as compose must read it back unchanged: compose interpolates every value (`$VAR`,
 * `${VAR}`), and `$$` is its literal dollar.
 */
export function literal(value: string): string {
  return value.split('$').join('$$')
}

export const literals = (values: readonly string[]): string[] => values.map(literal)

/** A map's values as literals, keys sorted so the file is the same every time. */
export function literalMap(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(map)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, literal(value)]),
  )
}

const NS = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3 }

/** Nanoseconds as a Go duration people write: `30s`, `1m30s`, `1h`, `500ms`. */
export function duration(ns: number): string {
  if (ns % NS.s !== 0) {
    if (ns % NS.ms === 0) return `${ns / NS.ms}ms`
    if (ns % NS.us === 0) return `${ns / NS.us}us`
    return `${ns}ns`
  }
  const hours = Math.floor(ns / NS.h)
  const minutes = Math.floor((ns % NS.h) / NS.m)
  const seconds = (ns % NS.m) / NS.s
  const parts = [
    hours > 0 ? `${hours}h` : '',
    minutes > 0 ? `${minutes}m` : '',
    seconds > 0 ? `${seconds}s` : '',
  ].join('')
  return parts === '' ? '0s' : parts
}

const SIZE_UNITS: [string, number][] = [
  ['g', 2 ** 30],
  ['m', 2 ** 20],
  ['k', 2 ** 10],
]

/** Bytes as compose's binary sizes: `64m`, `1g`; a size of no whole unit stays bytes. */
export function size(bytes: number): string | number {
  for (const [unit, factor] of SIZE_UNITS) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`
  }
  return bytes
}

/**
 * A published port in the short syntax: `[host_ip:][host_port:]port[/protocol]`, an IPv6
 * address in brackets, `ip::port` when the engine picks the host port.
 */
export function portSpec(binding: PortBindingSetting): string {
  const protocol = binding.protocol === 'tcp' ? '' : `/${binding.protocol}`
  const hostPort = binding.hostPort === undefined ? '' : String(binding.hostPort)
  const target = `${binding.port}${protocol}`
  if (binding.hostIp === undefined) return hostPort === '' ? target : `${hostPort}:${target}`
  const ip = binding.hostIp.includes(':') ? `[${binding.hostIp}]` : binding.hostIp
  return `${ip}:${hostPort}:${target}`
}

/** The name of an object of the project as compose makes it: `<project>_<key>`. */
export const projectObjectName = (project: string, key: string) => `${project}_${key}`

/** Compose's automatic container names, v2's `<project>-<service>-<n>` and v1's with `_`. */
export function isConventionalName(name: string, project: string, service: string): boolean {
  const number = /^[0-9]+$/
  for (const separator of ['-', '_']) {
    const prefix = `${project}${separator}${service}${separator}`
    if (name.startsWith(prefix) && number.test(name.slice(prefix.length))) return true
  }
  return false
}
