import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import type { AppEnv } from '../app-env.ts'
import type { AuthServices } from './auth-services.ts'
import type { UserRecord } from './users.ts'

const SESSION_COOKIE = 'hm_session'

/**
 * `__Host-hm_session` behind HTTPS: the prefix makes browsers refuse it unless Secure, Path=/ and
 * host-only, so a sibling subdomain cannot plant one. Plain HTTP cannot carry the prefix at all.
 */
export const sessionCookieName = (secure: boolean) =>
  secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE

/** True behind HTTPS (the public URL's scheme), unless the auth services override it. */
const isSecure = (c: Context<AppEnv>, services: AuthServices): boolean =>
  services.secureCookies ?? c.var.config.secureCookies

function writeCookie(c: Context<AppEnv>, services: AuthServices, value: string, maxAge: number) {
  const secure = isSecure(c, services)
  const options: CookieOptions = { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge }
  setCookie(c, sessionCookieName(secure), value, options)
}

export function readSessionCookie(c: Context<AppEnv>, services: AuthServices): string | undefined {
  return getCookie(c, sessionCookieName(isSecure(c, services)))
}

/** A brand-new session for the user (never a reused id), sent as the session cookie. */
export function startSession(c: Context<AppEnv>, services: AuthServices, user: UserRecord): void {
  const rawId = services.sessions.create(user.id, user.credentialVersion)
  writeCookie(c, services, rawId, services.sessionMaxSeconds)
}

export function clearSessionCookie(c: Context<AppEnv>, services: AuthServices): void {
  writeCookie(c, services, '', 0)
}
