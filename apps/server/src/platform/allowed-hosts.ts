import { isIPv4, isIPv6 } from 'node:net'

/** A `Host` header, an Origin's host, or an entry of HARBORMASTER_ALLOWED_HOSTS, taken apart. */
export interface HostAndPort {
  /** Lower case, without a trailing dot; an IPv6 address keeps its brackets (`[::1]`). */
  name: string
  port: number | undefined
  isIp: boolean
}

const NAME_AND_PORT = /^(?<name>[^:[\]]+)(?::(?<port>\d{1,5}))?$/
const IPV6_AND_PORT = /^\[(?<address>[0-9a-fA-F:.]+)\](?::(?<port>\d{1,5}))?$/
/** DNS labels; `_` too, which Docker service names and some intranets use. */
const DNS_NAME = /^[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})*$/

/**
 * Parses `name[:port]` or `[v6]:port` strictly: no user info, path, zone id or empty port, and
 * no numeric shorthands (`0x7f.1`, `2130706433`) that only a URL parser would read as addresses
 * (browsers send the dotted form they normalised to). Undefined when it is none of these.
 */
export function parseHost(value: string): HostAndPort | undefined {
  const v6 = IPV6_AND_PORT.exec(value)
  if (v6?.groups) {
    const address = (v6.groups.address ?? '').toLowerCase()
    const port = parsePort(v6.groups.port)
    if (!isIPv6(address) || port === null) return undefined
    return { name: `[${address}]`, port, isIp: true }
  }
  const match = NAME_AND_PORT.exec(value)
  if (!match?.groups) return undefined
  const name = (match.groups.name ?? '').toLowerCase().replace(/\.$/, '')
  const port = parsePort(match.groups.port)
  if (port === null) return undefined
  if (isIPv4(name)) return { name, port, isIp: true }
  if (name.length > 253 || !DNS_NAME.test(name)) return undefined
  return { name, port, isIp: false }
}

/** undefined: no port given; null: not a port. */
function parsePort(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined
  const port = Number(text)
  return port >= 1 && port <= 65535 ? port : null
}

const isLoopback = (host: HostAndPort) =>
  host.name === 'localhost' || host.name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host.name)

/**
 * The names this dashboard answers to (DNS rebinding defence). A page an attacker serves from a
 * name they control, later pointed at our address, makes the browser send that name as `Host`:
 * a request naming any other host is refused before it reaches a route.
 *
 * - IP literals and `localhost` are always served: a browser sends an address as `Host` only to
 *   a page loaded from that very address, which is us, and `localhost` never resolves through
 *   an attacker's DNS.
 * - The public URL's name, on its port, with no port (a proxy that sends `$host`), or on the
 *   port the connection actually arrived on (direct access past a proxy).
 * - Each HARBORMASTER_ALLOWED_HOSTS entry: `name` on any port, `name:port` on that port only.
 */
export class AllowedHosts {
  readonly #public: HostAndPort
  readonly #extra: readonly HostAndPort[]

  constructor(publicOrigin: string, extra: readonly HostAndPort[] = []) {
    const url = new URL(publicOrigin)
    const host = parseHost(url.hostname)
    if (!host) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_PUBLIC_URL: "${url.hostname}" is not a host name`,
      )
    }
    // Port 0 (HARBORMASTER_PORT=0, tests) is kept: no Host names it, the local port rule applies.
    this.#public = { ...host, port: url.port === '' ? defaultPort(url) : Number(url.port) }
    this.#extra = extra
  }

  /** Entries of HARBORMASTER_ALLOWED_HOSTS as configured, for the start-up log. */
  get entries(): string[] {
    return this.#extra.map((h) => (h.port === undefined ? h.name : `${h.name}:${h.port}`))
  }

  /** May a request whose `Host` (or absolute-form target) names this be served? */
  acceptsHost(host: HostAndPort, localPort: number | undefined): boolean {
    return host.isIp || isLoopback(host) || this.#isOurs(host, localPort)
  }

  /**
   * Is a page at this origin one of ours? The request's own host (same-origin), loopback, or
   * one of our names; not any IP, unlike Host: an attacker can serve a page from their own IP.
   */
  acceptsOrigin(origin: HostAndPort, host: HostAndPort, localPort: number | undefined): boolean {
    const sameAsHost =
      origin.name === host.name && (host.port === undefined || host.port === origin.port)
    return sameAsHost || isLoopback(origin) || this.#isOurs(origin, localPort)
  }

  #isOurs(host: HostAndPort, localPort: number | undefined): boolean {
    const { name, port } = this.#public
    if (host.name === name && (host.port === undefined || host.port === port)) return true
    if (host.name === name && host.port === localPort) return true
    return this.#extra.some(
      (entry) => entry.name === host.name && (entry.port === undefined || entry.port === host.port),
    )
  }
}

/** An Origin header's host with its port made explicit (80/443 when the URL leaves it out). */
export function parseOrigin(origin: string): HostAndPort | undefined {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const host = parseHost(url.host)
  if (!host) return undefined
  return { ...host, port: host.port ?? defaultPort(url) }
}

const defaultPort = (url: URL) => (url.protocol === 'https:' ? 443 : 80)

/**
 * Parses HARBORMASTER_ALLOWED_HOSTS: comma- or space-separated `name` or `name:port`.
 *
 * @throws {Error} naming the entry that is not a host (a URL, a path, a wildcard).
 */
export function parseAllowedHosts(value: string): HostAndPort[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const host = parseHost(entry)
      if (!host) {
        throw new Error(
          `Invalid configuration: HARBORMASTER_ALLOWED_HOSTS: "${entry}" is not a host name or name:port (no scheme, path or wildcard)`,
        )
      }
      return host
    })
}
