import { BlockList, isIP } from 'node:net'

/** The reverse proxies whose X-Forwarded-For is believed: addresses and CIDR ranges. */
export interface TrustedProxies {
  /** As configured, for the start-up log. */
  readonly entries: readonly string[]
  has(address: string): boolean
}

/**
 * Parses `HARBORMASTER_TRUSTED_PROXIES`: comma-separated IPv4/IPv6 addresses or CIDR ranges
 * (`172.30.0.0/16`: a compose network, where the proxy's address changes with its container).
 * Matching is node:net's BlockList, so an IPv4-mapped IPv6 peer matches its IPv4 range.
 *
 * @throws {Error} naming the entry that is neither.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? undefined : Number(prefix)
    const maxBits = family === 6 ? 128 : 32
    const validPrefix = bits === undefined || (/^\d+$/.test(prefix ?? '') && bits <= maxBits)
    if (family === 0 || extra !== undefined || !validPrefix) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`,
      )
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, bits, type)
  }
  return {
    entries,
    has: (address) => {
      const family = isIP(address)
      return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
    },
  }
}
