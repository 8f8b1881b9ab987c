import type { AuthUser, AuthUserResponse, LoginResponse } from '@harbormaster/contract'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import type { AuthServices } from '../auth-services.ts'
import { toAuthUser } from '../presenters.ts'
import { readAuthCookie, startSession, writeAuthCookie } from '../session-cookie.ts'
import type { SecondFactorKind, SignInMethod } from '../sessions.ts'
import { loadPrincipal, type UserRecord } from '../users.ts'
import { SignInChallenges, type SignInChallenge } from './challenges.ts'

const CHALLENGE_COOKIE = 'hm_sign_in'

const signInExpired = () =>
  new ApiError(401, 'unauthenticated', 'This sign-in expired: enter your password again')

/**
 * Whether a session signed in this way still owes a second factor: its user's role requires one
 * and they have none. Single sign-on leaves second factors to the identity provider; a passkey
 * sign-in has one by definition.
 */
export function mustEnrolSecondFactor(
  services: AuthServices,
  user: { id: string; role: UserRecord['role'] },
  method: SignInMethod,
): boolean {
  if (method !== 'password' && method !== 'setup') return false
  return services.settings.requiresSecondFactor(user.role) && !services.secondFactors.has(user.id)
}

/** The signed-in user as the web app sees them right after a sign-in. */
export function signedInUser(
  services: AuthServices,
  user: UserRecord,
  method: SignInMethod,
): AuthUser {
  const mustEnrol = mustEnrolSecondFactor(services, user, method)
  return { ...toAuthUser(user), ...(mustEnrol ? { mustEnrolSecondFactor: true } : {}) }
}

/**
 * Starts the session of a sign-in that needs no further step (passkey, single sign-on, setup)
 * and makes the user the request's principal, so the audit entry names them.
 */
export function finishSignIn(
  c: Context<AppEnv>,
  services: AuthServices,
  user: UserRecord,
  method: SignInMethod,
  secondFactor?: SecondFactorKind,
): AuthUserResponse {
  // A session this browser already had ends: a new id at every sign-in (no fixation).
  const previous = c.var.principal?.sessionIdHash
  if (previous !== undefined) services.sessions.revoke(previous)
  const rawId = startSession(c, services, user, method, secondFactor)
  const session = services.sessions.resolve(rawId)
  c.set('principal', loadPrincipal(services.users, user.id, 'session', session?.idHash))
  return { user: signedInUser(services, user, method) }
}

/**
 * After a right password: the session at once when the user has no second factor, else a
 * sign-in challenge (a short-lived cookie) that only a second factor's route can complete.
 *
 * @throws {ApiError} 403 when password sign-in is off for this user's role.
 */
export function completePasswordSignIn(
  c: Context<AppEnv>,
  services: AuthServices,
  user: UserRecord,
): LoginResponse {
  const { passwordSignIn } = services.settings.get()
  if (passwordSignIn === 'admins' && user.role !== 'admin') {
    throw new ApiError(
      403,
      'forbidden',
      'Password sign-in is off for this account: sign in with single sign-on',
    )
  }
  const methods = services.secondFactors.methodsOf(user.id)
  if (methods.length === 0) return finishSignIn(c, services, user, 'password')
  const rawId = services.challenges.open(user.id, user.credentialVersion)
  writeAuthCookie(c, services, {
    name: CHALLENGE_COOKIE,
    value: rawId,
    maxAge: SignInChallenges.maxAgeSeconds,
  })
  return { user: null, secondFactor: { methods } }
}

/**
 * The sign-in challenge this browser holds, with its user (still enabled, credentials unchanged).
 *
 * @throws {ApiError} 401 when there is none, it expired, or the user changed since.
 */
export function readSignInChallenge(
  c: Context<AppEnv>,
  services: AuthServices,
): { challenge: SignInChallenge; user: UserRecord } {
  const rawId = readAuthCookie(c, services, CHALLENGE_COOKIE)
  const challenge = rawId === undefined ? undefined : services.challenges.find(rawId)
  if (!challenge) throw signInExpired()
  const user = services.users.get(challenge.userId)
  if (!user || user.disabled || user.credentialVersion !== challenge.credentialVersion) {
    services.challenges.close(challenge.idHash)
    throw signInExpired()
  }
  return { challenge, user }
}

/**
 * Completes a challenge with a second factor the caller has just checked: the challenge closes
 * (a second use of it is refused) and the session starts.
 */
export function finishSecondFactor(
  c: Context<AppEnv>,
  services: AuthServices,
  pending: { challenge: SignInChallenge; user: UserRecord },
  factor: SecondFactorKind,
): AuthUserResponse {
  if (!services.challenges.close(pending.challenge.idHash)) throw signInExpired()
  writeAuthCookie(c, services, { name: CHALLENGE_COOKIE, value: '', maxAge: 0 })
  return finishSignIn(c, services, pending.user, 'password', factor)
}
