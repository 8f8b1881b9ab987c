import {
  recoveryCodeRequestSchema,
  totpCodeRequestSchema,
  type AuthUserResponse,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { finishSecondFactor, readSignInChallenge } from '../second-factor/complete-sign-in.ts'
import { checkThrottledCode } from './check-code.ts'

const wrongCode = () => new ApiError(401, 'unauthenticated', 'Wrong or already used code')

/**
 * Mounted at /api/auth: the second step of a password sign-in with an authenticator code or a
 * recovery code. Public (no session yet): the sign-in challenge cookie names the user. Failures
 * are audited (auth.* actions are recorded without a principal), the code itself never.
 */
export const totpSignInRoutes = new Hono<AppEnv>()
  .post(
    '/second-factor/totp',
    audited('auth.second-factor.totp'),
    validate('json', totpCodeRequestSchema),
    (c) => {
      const services = c.var.auth
      const pending = readSignInChallenge(c, services)
      const { id, username } = pending.user
      c.set('auditDetails', { target: username })
      const { code } = c.req.valid('json')
      checkThrottledCode(
        c,
        services,
        username,
        () => services.totp.verify(id, username, code),
        wrongCode,
      )
      return c.json<AuthUserResponse>(finishSecondFactor(c, services, pending, 'totp'), 200)
    },
  )
  .post(
    '/second-factor/recovery',
    audited('auth.second-factor.recovery'),
    validate('json', recoveryCodeRequestSchema),
    (c) => {
      const services = c.var.auth
      const pending = readSignInChallenge(c, services)
      const { id, username } = pending.user
      c.set('auditDetails', { target: username })
      // Only as a stand-in: a user whose last second factor went has no usable codes either.
      const usable = () =>
        services.secondFactors.has(id) && services.recoveryCodes.use(id, c.req.valid('json').code)
      checkThrottledCode(c, services, username, usable, wrongCode)
      return c.json<AuthUserResponse>(finishSecondFactor(c, services, pending, 'recovery'), 200)
    },
  )
