import { createMiddleware } from 'hono/factory'
import { ApiError } from './errors.ts'
import type { PlatformEnv } from './platform-env.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF and cross-site WebSocket hijacking: a request that changes something, and every
 * WebSocket upgrade, must come from our own origin, whatever its content type. Browsers say so
 * with `Sec-Fetch-Site: same-origin`; older ones send an `Origin` we compare with the configured
 * public URL (never with the Host header, which the client controls). Requests authenticated
 * only by an API token carry no ambient credential, so they cannot be forged cross-site.
 */
export const sameOrigin = () =>
  createMiddleware<PlatformEnv>(async (c, next) => {
    const isUpgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket'
    if (SAFE_METHODS.has(c.req.method) && !isUpgrade) return next()
    if (isTokenOnly(c.req.header('authorization'), c.req.header('cookie'))) return next()
    const fetchSite = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    if (
      fetchSite === 'same-origin' ||
      (origin !== undefined && origin === c.var.config.publicOrigin)
    ) {
      return next()
    }
    throw new ApiError(
      403,
      'forbidden',
      'Cross-site request refused: the Origin is not this dashboard',
    )
  })

function isTokenOnly(authorization: string | undefined, cookie: string | undefined): boolean {
  return authorization?.startsWith('Bearer ') === true && (cookie === undefined || cookie === '')
}
