import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import type { Principal } from '../../policy/roles.ts'
import type { AuthServices } from '../auth-services.ts'
import { addressOf, checkCurrentPassword } from '../login.ts'
import { rateLimited } from '../rate-limited.ts'

/**
 * The throttle's account key for codes, apart from the password's: a right password resets the
 * password counter, so sharing it would let whoever knows the password reset the code guesses
 * with each new sign-in. `#` is never in a username, so no account shares this key.
 */
const codeKey = (username: string) => `${username}#second-factor`

/**
 * Checks a guessable code (an authenticator code, a recovery code) under the sign-in throttle,
 * per account and per address, as passwords are: each wrong one counts, a right one resets the
 * account's counter.
 *
 * @throws {ApiError} 429 with Retry-After while throttled; `wrong()` when the code is refused.
 */
export function checkThrottledCode(
  c: Context<AppEnv>,
  services: AuthServices,
  username: string,
  matches: () => boolean,
  wrong: () => ApiError,
): void {
  const address = addressOf(c)
  const key = codeKey(username)
  const wait = services.throttle.retryAfter(address, key)
  if (wait > 0) throw rateLimited(c, wait, 'Too many wrong codes; try again later')
  if (matches()) {
    services.throttle.recordSuccess(key)
    return
  }
  services.throttle.recordFailure(address, key)
  throw wrong()
}

/**
 * Checks the proof a change to the caller's second factors asks for: a current authenticator
 * code or the password, both throttled.
 *
 * @throws {ApiError} 400 naming the field when it is wrong; 429 while throttled.
 */
export async function checkProof(
  c: Context<AppEnv>,
  services: AuthServices,
  principal: Principal,
  proof: { code: string } | { password: string },
): Promise<void> {
  if ('password' in proof) {
    await checkCurrentPassword(c, services, principal.username, proof.password)
    return
  }
  const { userId, username } = principal
  checkThrottledCode(
    c,
    services,
    username,
    () => services.totp.verify(userId, username, proof.code),
    () => new ApiError(400, 'invalid_request', 'json.code: wrong or already used code'),
  )
}
