import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, HostEnv } from '../app-env.ts'
import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import { ApiError } from '../platform/errors.ts'
import type { WithVars } from '../platform/platform-env.ts'
import { type Action, authorize } from './policy.ts'
import type { HostGrant, Principal } from './roles.ts'

/**
 * Guards a route with one action from the policy table. On a route with a `:hostId` (the
 * `/api/hosts/:hostId` routes of hosts/) it judges the caller's grant on that host: unknown and
 * hidden hosts are the same 404. Routes under `/api/hosts/:hostId/...` use requireHostAction,
 * which also gives their handlers the host.
 */
export const requireAction = (action: Action) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const admitted = admit(c, action)
    await next()
    forgetSharedReads(c, admitted)
  })

/**
 * requireAction for routes under `/api/hosts/:hostId/...`: the handlers after it find the host,
 * its engine and the caller's grant in `c.var` (HostEnv), and only they do.
 */
export const requireHostAction = (action: Action) =>
  createMiddleware<HostEnv>(async (c, next) => {
    const admitted = admit(c, action)
    if (!admitted) throw new Error(`requireHostAction('${action}') on a route without :hostId`)
    c.set('hostId', admitted.host.id)
    c.set('host', admitted.host)
    c.set('engine', admitted.host.engine)
    c.set('grant', admitted.grant)
    await next()
    forgetSharedReads(c, admitted)
  })

/**
 * Whether the caller of a host route may do an action beyond the route's own: a privilege in the
 * policy table (`container.create.unrestricted`...). Decided by `authorize` on the route's host,
 * like the route's action, so a per-host grant narrows it and API tokens are judged the same way.
 */
export function may(c: Context<HostEnv>, action: Action): boolean {
  return authorize(c.var.principal, action, c.var.hostId).allowed
}

interface Admitted {
  host: RegisteredHost
  grant: HostGrant
}

interface GuardVars {
  principal: Principal | undefined
  hosts: HostRegistry
}

/** The decision, thrown as the refusal it is; the host and grant when the route names a host. */
function admit<C extends Context>(c: WithVars<C, GuardVars>, action: Action): Admitted | undefined {
  const hostId = c.req.param('hostId')
  const decision = authorize(c.var.principal, action, hostId)
  if (!decision.allowed) {
    throw new ApiError(decision.status, statusCode(decision.status), decision.message)
  }
  if (hostId === undefined) return undefined
  const host = c.var.hosts.get(hostId)
  if (!host) throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
  return { host, grant: decision.grant }
}

/** A change made through us makes shared answers stale at once, before its event arrives. */
function forgetSharedReads<C extends Context>(
  c: WithVars<C, GuardVars>,
  admitted: Admitted | undefined,
): void {
  if (admitted && c.req.method !== 'GET') c.var.hosts.get(admitted.host.id)?.reads.clear()
}

function statusCode(status: 401 | 403 | 404) {
  if (status === 401) return 'unauthenticated' as const
  return status === 403 ? ('forbidden' as const) : ('not_found' as const)
}

/** The caller, in a handler behind requireAction (which has already refused anonymous calls). */
export function requirePrincipal<C extends Context>(
  c: WithVars<C, { principal: Principal | undefined }>,
): Principal {
  const principal = c.var.principal
  if (!principal) throw new ApiError(401, 'unauthenticated', 'Sign in to continue')
  return principal
}
