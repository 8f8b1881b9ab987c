import { z } from 'zod'

/**
 * Single sign-on with an OpenID provider (issue 21). The sign-in itself is browser navigation
 * (`GET /api/auth/oidc/start`, the provider, `GET /api/auth/oidc/callback`), so the contract is
 * small: why a sign-in failed, and where logout goes next.
 */

/**
 * Why a single sign-on failed: the callback sends the browser to `/?signInError=<code>`.
 * expired: no sign-in in progress in this browser; state: the answer is not for this browser's
 * sign-in; provider: the provider answered with an error; token: the code exchange or the ID
 * token's checks failed; unavailable: the provider could not be reached; unknown_user: not known
 * and not created; no_role: no group maps to a role; disabled: the account is disabled;
 * not_configured: single sign-on is off; setup_needed: first-run setup (a local admin) comes first.
 */
export const singleSignOnFailureSchema = z.enum([
  'expired',
  'state',
  'provider',
  'token',
  'unavailable',
  'unknown_user',
  'no_role',
  'awaiting_approval',
  'disabled',
  'not_configured',
  'setup_needed',
])
export type SingleSignOnFailure = z.infer<typeof singleSignOnFailureSchema>

/**
 * `POST /api/auth/logout` after a single sign-on session, when the provider offers RP-initiated
 * logout: the browser goes there to end its session at the provider as well (a plain sign-out
 * answers 204).
 */
export const logoutResponseSchema = z.object({ endSessionUrl: z.url() })
export type LogoutResponse = z.infer<typeof logoutResponseSchema>
