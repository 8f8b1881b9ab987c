import type { Context } from 'hono'
import type { TrustedProxies } from './trusted-proxies.ts'
import type { WithVars } from './platform-env.ts'

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined

/** The TCP peer, as `@hono/node-server` exposes it in `c.env`; undefined in `app.request()`. */
function peerAddress(env: unknown): string | undefined {
  const bindings = field(env, 'server') ?? env
  const address = field(field(field(bindings, 'incoming'), 'socket'), 'remoteAddress')
  return typeof address === 'string' ? address.replace(/^::ffff:/, '') : undefined
}

/**
 * The client's address for throttling and the audit log. `X-Forwarded-For` is believed only when
 * the peer is a configured trusted proxy (HARBORMASTER_TRUSTED_PROXIES: addresses or ranges);
 * then the nearest address that is not itself a trusted proxy is the client.
 */
export function clientAddress<C extends Context>(
  c: WithVars<C, { config: { trustedProxies: TrustedProxies } }>,
): string | undefined {
  const peer = peerAddress(c.env)
  const trusted = c.var.config.trustedProxies
  if (peer === undefined || !trusted?.has(peer)) return peer
  const chain = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]
    if (hop !== undefined && !trusted.has(hop)) return hop
  }
  return peer
}
