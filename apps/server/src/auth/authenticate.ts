import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import type { Principal } from '../policy/roles.ts'
import type { AuthServices } from './auth-services.ts'
import { mustEnrolSecondFactor } from './second-factor/complete-sign-in.ts'
import { readSessionCookie } from './session-cookie.ts'
import { loadPrincipal } from './users.ts'

const BEARER = /^Bearer +(\S+)$/i

/**
 * Sets `c.var.principal` from the session cookie or an `Authorization: Bearer` API token, or
 * leaves it undefined (routes decide on 401). Credentials in the query string are never read:
 * URLs end up in logs, history and Referer headers.
 */
export const authenticate = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('principal', resolvePrincipal(c))
    await next()
  })

function resolvePrincipal(c: Context<AppEnv>): Principal | undefined {
  const services = c.var.auth
  const authorization = c.req.header('Authorization')
  // A request that presents a token is judged on it alone, never on a cookie beside it.
  if (authorization !== undefined) return fromToken(services, authorization)
  const rawId = readSessionCookie(c, services)
  if (!rawId) return undefined
  const session = services.sessions.resolve(rawId)
  if (!session) return undefined
  const principal = loadPrincipal(services.users, session.userId, 'session', session.idHash)
  // Belt and braces: credential changes delete sessions, and a stale version ends one here too.
  if (principal?.credentialVersion !== session.credentialVersion) {
    services.sessions.revoke(session.idHash)
    return undefined
  }
  const owed = mustEnrolSecondFactor(
    services,
    { id: principal.userId, role: principal.role },
    session.method,
  )
  return {
    ...principal,
    signInMethod: session.method,
    ...(session.secondFactor ? { signInSecondFactor: session.secondFactor } : {}),
    ...(owed ? { mustEnrolSecondFactor: true } : {}),
  }
}

function fromToken(services: AuthServices, authorization: string): Principal | undefined {
  const raw = BEARER.exec(authorization)?.[1]
  const token = raw === undefined ? undefined : services.tokens.resolve(raw)
  return token && loadPrincipal(services.users, token.userId, 'token', token.tokenId)
}
