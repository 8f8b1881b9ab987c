import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../platform/app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { type Action, authorize } from './policy.ts'
import type { Principal } from './roles.ts'

/**
 * Guards a route with one action from the policy table. On `/api/hosts/:hostId/...` routes it
 * also resolves the host: unknown and hidden hosts are the same 404, and the handler finds the
 * host's engine and the caller's grant in `c.var`.
 */
export const requireAction = (action: Action) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const hostId = c.req.param('hostId')
    const decision = authorize(c.var.principal, action, hostId)
    if (!decision.allowed) {
      throw new ApiError(decision.status, statusCode(decision.status), decision.message)
    }
    if (hostId !== undefined) {
      const host = c.var.hosts.get(hostId)
      if (!host) throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
      c.set('hostId', hostId)
      c.set('host', host)
      c.set('engine', host.engine)
      c.set('grant', decision.grant)
    }
    await next()
    // A change made through us makes shared answers stale at once, before its event arrives.
    if (hostId !== undefined && c.req.method !== 'GET') c.var.hosts.get(hostId)?.reads.clear()
  })

function statusCode(status: 401 | 403 | 404) {
  if (status === 401) return 'unauthenticated' as const
  return status === 403 ? ('forbidden' as const) : ('not_found' as const)
}

/** The caller, in a handler behind requireAction (which has already refused anonymous calls). */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.var.principal
  if (!principal) throw new ApiError(401, 'unauthenticated', 'Sign in to continue')
  return principal
}
