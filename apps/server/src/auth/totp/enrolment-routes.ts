import {
  secondFactorProofSchema,
  totpCodeRequestSchema,
  type RecoveryCodes,
  type TotpEnrolment,
} from '@harbormaster/contract'
import { Hono, type Context } from 'hono'
import { toString as qrCodeSvg } from 'qrcode'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { requireAction, requirePrincipal } from '../../policy/index.ts'
import type { Principal } from '../../policy/roles.ts'
import { checkProof } from './check-code.ts'

/**
 * Second factors are changed in a browser session, by the person at the keyboard: an API token
 * (a script, a CI job) may act as its user but not change how they sign in.
 */
function sessionPrincipal(c: Context<AppEnv>): Principal {
  const principal = requirePrincipal(c)
  if (principal.via !== 'session') {
    throw new ApiError(403, 'forbidden', 'Change your second factors in a browser session')
  }
  return principal
}

/**
 * Mounted at /api/auth: enrolment of an authenticator app (start, confirm), its removal, and new
 * recovery codes. `account.second-factor` is the one action a user who must enrol may do.
 * Secrets and codes are never put in auditDetails.
 */
export const totpEnrolmentRoutes = new Hono<AppEnv>()
  .post('/totp', audited('auth.totp.start'), requireAction('account.second-factor'), async (c) => {
    const { userId, username } = sessionPrincipal(c)
    const started = c.var.auth.totp.start(userId, username)
    if (!started) {
      throw new ApiError(409, 'conflict', 'You already have an authenticator app: remove it first')
    }
    // Rendered here, so the secret never goes to a third-party QR service and the page needs
    // no script for it; the web shows the SVG as an image (the CSP allows data: images).
    const svg = await qrCodeSvg(started.otpauthUri, { type: 'svg', margin: 2 })
    return c.json<TotpEnrolment>({ ...started, qrCodeSvg: svg }, 201)
  })
  .post(
    '/totp/confirm',
    audited('auth.totp.confirm'),
    requireAction('account.second-factor'),
    validate('json', totpCodeRequestSchema),
    (c) => {
      const { userId, username } = sessionPrincipal(c)
      const { totp, recoveryCodes } = c.var.auth
      if (totp.isConfirmed(userId)) {
        throw new ApiError(409, 'conflict', 'Your authenticator app is already set up')
      }
      // Not throttled: the caller saw this secret a moment ago, there is nothing to guess.
      if (!totp.confirm(userId, username, c.req.valid('json').code)) {
        throw new ApiError(
          400,
          'invalid_request',
          'json.code: not the current code of the new authenticator entry (start again if you left the page)',
        )
      }
      return c.json<RecoveryCodes>({ recoveryCodes: recoveryCodes.issue(userId) }, 200)
    },
  )
  .delete(
    '/totp',
    audited('auth.totp.remove'),
    requireAction('account.second-factor'),
    validate('json', secondFactorProofSchema),
    async (c) => {
      const principal = sessionPrincipal(c)
      const services = c.var.auth
      if (!services.totp.isConfirmed(principal.userId)) {
        throw new ApiError(404, 'not_found', 'You have no authenticator app set up')
      }
      await checkProof(c, services, principal, c.req.valid('json'))
      services.totp.remove(principal.userId)
      // Recovery codes stand in for a second factor; with none left they would stand for nothing.
      if (!services.secondFactors.has(principal.userId)) {
        services.recoveryCodes.clear(principal.userId)
      }
      return c.body(null, 204)
    },
  )
  .post(
    '/recovery-codes',
    audited('auth.recovery-codes'),
    requireAction('account.second-factor'),
    validate('json', secondFactorProofSchema),
    async (c) => {
      const principal = sessionPrincipal(c)
      const services = c.var.auth
      if (!services.secondFactors.has(principal.userId)) {
        throw new ApiError(409, 'conflict', 'Set up an authenticator app or a passkey first')
      }
      await checkProof(c, services, principal, c.req.valid('json'))
      const codes = services.recoveryCodes.issue(principal.userId)
      return c.json<RecoveryCodes>({ recoveryCodes: codes }, 200)
    },
  )
