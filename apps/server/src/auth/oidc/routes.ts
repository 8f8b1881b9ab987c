import type { SingleSignOnFailure } from '@harbormaster/contract'
import { Hono, type Context } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { finishSignIn } from '../second-factor/complete-sign-in.ts'
import { readAuthCookie, writeAuthCookie } from '../session-cookie.ts'
import { OidcSignInError, auditStatusOf } from './oidc-errors.ts'
import { signInUser } from './oidc-users.ts'

/**
 * The browser's handle on its sign-in in progress. SameSite=Lax, unlike the session cookie: the
 * provider's redirect back is a cross-site top-level navigation, which carries Lax cookies only.
 */
const PENDING_COOKIE = 'hm_oidc'

/** Back to the app with a short code its sign-in page explains; never a stack trace page. */
function failed(c: Context<AppEnv>, error: unknown) {
  const failure: SingleSignOnFailure = error instanceof OidcSignInError ? error.code : 'unavailable'
  const reason = error instanceof Error ? error.message : 'unexpected failure'
  if (!(error instanceof OidcSignInError)) c.var.logger.error({ err: error }, 'single sign-on')
  else c.var.logger.warn({ failure, reason }, 'single sign-on refused')
  c.set('auditDetails', { ...c.var.auditDetails, parameters: { failure } })
  // The browser is redirected either way: the audit entry records what really happened.
  c.set(
    'streamOutcome',
    Promise.resolve({ status: auditStatusOf(failure), error: `${failure}: ${reason}` }),
  )
  return c.redirect(`/?signInError=${failure}`, 302)
}

/**
 * Mounted at /api/auth/oidc; public, like the sign-in page. GET /start sends the browser to the
 * provider; GET /callback is where the provider sends it back with a code.
 */
export const oidcRoutes = new Hono<AppEnv>()
  // Not audited: anyone may start (no account is touched); the callback is the sign-in.
  .get('/start', async (c) => {
    const services = c.var.auth
    try {
      if (!services.oidc) throw new OidcSignInError('not_configured', 'single sign-on is off')
      // The first account is a local admin, made with the setup code from the server's log: an
      // identity provider's user must not close first-run setup by signing in before it.
      if (services.users.count() === 0) {
        throw new OidcSignInError('setup_needed', 'first-run setup is not done')
      }
      const { id, url, maxAgeSeconds } = await services.oidc.begin()
      writeAuthCookie(c, services, {
        name: PENDING_COOKIE,
        value: id,
        maxAge: maxAgeSeconds,
        sameSite: 'Lax',
      })
      return c.redirect(url.href, 302)
    } catch (error) {
      return failed(c, error)
    }
  })
  .get('/callback', audited('auth.oidc'), async (c) => {
    const services = c.var.auth
    // Used once: gone from this browser whatever the outcome.
    const pendingId = readAuthCookie(c, services, PENDING_COOKIE)
    writeAuthCookie(c, services, { name: PENDING_COOKIE, value: '', maxAge: 0, sameSite: 'Lax' })
    try {
      if (!services.oidc) throw new OidcSignInError('not_configured', 'single sign-on is off')
      const query = new URL(c.req.url).searchParams
      const identity = await services.oidc.complete(pendingId, query)
      c.set('auditDetails', { target: identity.subject })
      const user = signInUser(c.var.db, services.users, services.oidc.settings, identity)
      c.set('auditDetails', {
        target: user.id,
        parameters: { subject: identity.subject, role: user.role },
      })
      finishSignIn(c, services, user, 'oidc')
      return c.redirect('/', 302)
    } catch (error) {
      return failed(c, error)
    }
  })
