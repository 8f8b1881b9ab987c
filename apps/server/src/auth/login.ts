import type { Context } from 'hono'
import { clientAddress } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import type { AuthServices } from './auth-services.ts'
import { dummyVerify, verifyPassword } from './passwords.ts'
import { rateLimited, whenHasherFree } from './rate-limited.ts'
import type { UserRecord } from './users.ts'

/** One message for an unknown user, a wrong password and a disabled account. */
export const INVALID_LOGIN = 'Invalid username or password'

/** Without a peer address (in-process requests) every caller shares one address counter. */
export const addressOf = (c: Context<AppEnv>) => clientAddress(c) ?? 'unknown'

/**
 * Checks a sign-in attempt against the throttle and the stored hash.
 *
 * @throws {ApiError} 429 with Retry-After while throttled; 401 for any wrong credential.
 */
export async function checkLogin(
  c: Context<AppEnv>,
  services: AuthServices,
  username: string,
  password: string,
): Promise<UserRecord> {
  const address = addressOf(c)
  const wait = services.throttle.retryAfter(address, username)
  if (wait > 0) throw rateLimited(c, wait, 'Too many failed sign-in attempts; try again later')
  const found = services.users.findForLogin(username)
  // An unknown user costs one hash too, so timing does not tell which accounts exist.
  const matches = await whenHasherFree(
    c,
    found ? verifyPassword(found.passwordHash, password) : dummyVerify(password),
  )
  if (!found || !matches || found.user.disabled) {
    services.throttle.recordFailure(address, username)
    throw new ApiError(401, 'unauthenticated', INVALID_LOGIN)
  }
  services.throttle.recordSuccess(username)
  return found.user
}

/**
 * Checks first-run setup's code, throttled per client address like sign-in (not per account:
 * a stranger's wrong guesses must not lock the operator out of setup; 80 random bits need no
 * tighter limit).
 *
 * @throws {ApiError} 429 with Retry-After while throttled; 403 for a wrong code.
 */
export function checkSetupCode(c: Context<AppEnv>, services: AuthServices, code: string): void {
  const address = addressOf(c)
  const wait = services.throttle.retryAfterForAddress(address)
  if (wait > 0) throw rateLimited(c, wait, 'Too many wrong setup codes; try again later')
  if (services.setupCode.matches(code)) return
  services.throttle.recordAddressFailure(address)
  throw new ApiError(
    403,
    'forbidden',
    "Wrong setup code: use the one printed in the server's log at its last start (docker logs harbormaster, or the terminal running npm start)",
  )
}

/**
 * Re-checks the signed-in user's password (throttled like sign-in, so a stolen session cannot
 * guess it at leisure).
 *
 * @throws {ApiError} 400 naming the field when it is wrong; 429 while throttled.
 */
export async function checkCurrentPassword(
  c: Context<AppEnv>,
  services: AuthServices,
  username: string,
  password: string,
): Promise<void> {
  try {
    await checkLogin(c, services, username, password)
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      throw new ApiError(400, 'invalid_request', 'json.currentPassword: incorrect password')
    }
    throw err
  }
}
