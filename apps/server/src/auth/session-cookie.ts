import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import type { AppEnv } from '../app-env.ts'
import type { AuthServices } from './auth-services.ts'
import { addressOf } from './login.ts'
import type { SecondFactorKind, SignInMethod } from './sessions.ts'
import type { UserRecord } from './users.ts'

const SESSION_COOKIE = 'hm_session'

/**
 * `__Host-<name>` behind HTTPS: the prefix makes browsers refuse the cookie unless Secure, Path=/
 * and host-only, so a sibling subdomain cannot plant one. Plain HTTP cannot carry the prefix.
 */
const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name)

export const sessionCookieName = (secure: boolean) => cookieName(SESSION_COOKIE, secure)

/** True behind HTTPS (the public URL's scheme), unless the auth services override it. */
const isSecure = (c: Context<AppEnv>, services: AuthServices): boolean =>
  services.secureCookies ?? c.var.config.secureCookies

/**
 * Writes one of sign-in's cookies (the session, a sign-in step's): HttpOnly, host-only, and
 * SameSite as given (Strict unless a provider's redirect must carry it back).
 */
export function writeAuthCookie(
  c: Context<AppEnv>,
  services: AuthServices,
  cookie: { name: string; value: string; maxAge: number; sameSite?: 'Strict' | 'Lax' },
): void {
  const secure = isSecure(c, services)
  const options: CookieOptions = {
    httpOnly: true,
    sameSite: cookie.sameSite ?? 'Strict',
    path: '/',
    secure,
    maxAge: cookie.maxAge,
  }
  setCookie(c, cookieName(cookie.name, secure), cookie.value, options)
}

/** Reads a cookie written by writeAuthCookie. */
export function readAuthCookie(
  c: Context<AppEnv>,
  services: AuthServices,
  name: string,
): string | undefined {
  return getCookie(c, cookieName(name, isSecure(c, services)))
}

function writeCookie(c: Context<AppEnv>, services: AuthServices, value: string, maxAge: number) {
  writeAuthCookie(c, services, { name: SESSION_COOKIE, value, maxAge })
}

export function readSessionCookie(c: Context<AppEnv>, services: AuthServices): string | undefined {
  return readAuthCookie(c, services, SESSION_COOKIE)
}

/**
 * A brand-new session for the user (never a reused id), sent as the session cookie. The browser
 * and address are kept for the user's list of sessions.
 */
export function startSession(
  c: Context<AppEnv>,
  services: AuthServices,
  user: UserRecord,
  method: SignInMethod,
  secondFactor?: SecondFactorKind,
): string {
  const rawId = services.sessions.create(user.id, user.credentialVersion, {
    method,
    secondFactor,
    userAgent: c.req.header('User-Agent') ?? '',
    address: addressOf(c),
  })
  writeCookie(c, services, rawId, services.sessionMaxSeconds)
  return rawId
}

export function clearSessionCookie(c: Context<AppEnv>, services: AuthServices): void {
  writeCookie(c, services, '', 0)
}
