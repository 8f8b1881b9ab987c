import {
  changePasswordRequestSchema,
  loginRequestSchema,
  setupRequestSchema,
  type AuthUserResponse,
  type LoginResponse,
  type LogoutResponse,
  type SecondFactorsStatus,
  type SessionStatus,
  type SetupStatus,
  type SignInOptions,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireAction, requirePrincipal } from '../policy/index.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { createFirstAdmin } from './first-admin.ts'
import { checkCurrentPassword, checkLogin, checkSetupCode } from './login.ts'
import { hashPassword } from './passwords.ts'
import { principalToAuthUser } from './presenters.ts'
import { passkeyRoutes } from './passkeys/routes.ts'
import { oidcRoutes } from './oidc/routes.ts'
import { authSettingsRoutes } from './settings/routes.ts'
import { ownSessionRoutes } from './sessions-list/index.ts'
import { whenHasherFree } from './rate-limited.ts'
import { completePasswordSignIn, finishSignIn } from './second-factor/complete-sign-in.ts'
import { totpRoutes } from './totp/index.ts'
import { clearSessionCookie, startSession } from './session-cookie.ts'

const setupClosed = () => new ApiError(409, 'conflict', 'Setup is complete: sign in instead')

/**
 * Mounted at /api/auth. Public: GET/POST /setup (with the setup code from the server's log),
 * POST /login, POST /logout, GET /session.
 * Passwords never reach the audit log: handlers put only the username in auditDetails.
 */
export const authRoutes = new Hono<AppEnv>()
  .route('/settings', authSettingsRoutes)
  .route('/passkeys', passkeyRoutes)
  .route('/sessions', ownSessionRoutes)
  .route('/', totpRoutes)
  .route('/oidc', oidcRoutes)
  .get('/setup', (c) => c.json<SetupStatus>({ needed: c.var.auth.users.count() === 0 }, 200))
  .post('/setup', audited('auth.setup'), validate('json', setupRequestSchema), async (c) => {
    // The setup code is never put in auditDetails: the audit log must not hold it.
    const { username, password, setupCode } = c.req.valid('json')
    c.set('auditDetails', { target: username })
    const services = c.var.auth
    if (services.users.count() > 0) throw setupClosed()
    checkSetupCode(c, services, setupCode)
    const passwordHash = await whenHasherFree(c, hashPassword(password))
    const user = createFirstAdmin(c.var.db, services.users, { username, passwordHash })
    if (!user) throw setupClosed()
    services.setupCode.close()
    return c.json<AuthUserResponse>(finishSignIn(c, services, user, 'setup'), 201)
  })
  .post('/login', audited('auth.login'), validate('json', loginRequestSchema), async (c) => {
    const { username, password } = c.req.valid('json')
    c.set('auditDetails', { target: username })
    const services = c.var.auth
    const user = await checkLogin(c, services, username, password)
    return c.json<LoginResponse>(completePasswordSignIn(c, services, user), 200)
  })
  // What the sign-in page offers: public, like the page itself.
  .get('/sign-in-options', (c) =>
    c.json<SignInOptions>(
      {
        passwordSignIn: c.var.auth.settings.get().passwordSignIn,
        oidc: c.var.auth.oidc ? { name: c.var.auth.oidc.name } : null,
      },
      200,
    ),
  )
  .get('/second-factors', requireAction('account.second-factor'), (c) => {
    const principal = requirePrincipal(c)
    const { settings, secondFactors } = c.var.auth
    const required = settings.requiresSecondFactor(principal.role)
    return c.json<SecondFactorsStatus>(secondFactors.status(principal.userId, required), 200)
  })
  .post('/logout', audited('auth.logout'), async (c) => {
    const services = c.var.auth
    const method = c.var.principal?.signInMethod
    const idHash = c.var.principal?.sessionIdHash
    if (idHash !== undefined) services.sessions.revoke(idHash)
    clearSessionCookie(c, services)
    // After single sign-on, the provider's session ends too when it offers RP-initiated logout.
    const endSessionUrl =
      method === 'oidc' && services.oidc ? await services.oidc.endSessionUrl() : undefined
    if (endSessionUrl !== undefined) return c.json<LogoutResponse>({ endSessionUrl }, 200)
    return c.body(null, 204)
  })
  // The signed-out answer is data, not an error: GET /me keeps its 401 for API clients.
  .get('/session', (c) => {
    const principal = c.var.principal
    return c.json<SessionStatus>(
      { user: principal === undefined ? null : principalToAuthUser(principal) },
      200,
    )
  })
  .get('/me', requireAction('account.self'), (c) =>
    c.json<AuthUserResponse>({ user: principalToAuthUser(requirePrincipal(c)) }, 200),
  )
  .post(
    '/password',
    audited('auth.change-password'),
    requireAction('account.self'),
    validate('json', changePasswordRequestSchema),
    async (c) => {
      const principal = requirePrincipal(c)
      if (principal.via !== 'session') {
        throw new ApiError(403, 'forbidden', 'Change your password in a browser session')
      }
      const { currentPassword, newPassword } = c.req.valid('json')
      const services = c.var.auth
      await checkCurrentPassword(c, services, principal.username, currentPassword)
      const passwordHash = await whenHasherFree(c, hashPassword(newPassword))
      const user = services.users.setPassword(principal.userId, passwordHash)
      if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in to continue')
      // Every session of the user, this one included, ended with the bump; this client continues,
      // signed in as it was (its second factor too: the sessions list shows it).
      const { signInMethod = 'password', signInSecondFactor } = principal
      startSession(c, services, user, signInMethod, signInSecondFactor)
      return c.body(null, 204)
    },
  )
