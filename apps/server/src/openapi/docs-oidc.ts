import type { RouteDoc } from './route-doc.ts'

const REDIRECT_BACK =
  'Redirect to `/?signInError=<code>` when single sign-on fails (codes: `singleSignOnFailure` ' +
  'in the contract; the sign-in page explains each); the failure is in the audit log.'

/**
 * Single sign-on with an OpenID provider (issue 21). Both routes are browser navigations that
 * answer with redirects, never JSON.
 */
export const oidcDocs: Record<string, RouteDoc> = {
  'GET /api/auth/oidc/start': {
    summary: 'Begin single sign-on: a redirect to the OpenID provider',
    description:
      'Authorization code flow with PKCE, state and nonce. The state, nonce and code verifier ' +
      'stay on the server, keyed by a random id in the short-lived `hm_oidc` cookie ' +
      '(SameSite=Lax, so that the provider’s cross-site redirect back carries it).',
    public: true,
    ok: {},
    errors: { 302: `Redirect to the provider’s authorization endpoint. ${REDIRECT_BACK}` },
  },
  'GET /api/auth/oidc/callback': {
    summary: 'Where the provider sends the browser back: the sign-in completes here',
    description:
      'Exchanges the code, checks the ID token (issuer, audience, expiry, nonce, signature ' +
      'through the provider’s JWKS), finds the user by issuer and subject (or creates them), ' +
      'applies the role mapping, starts the session (SameSite=Strict cookie) and redirects to `/`.',
    public: true,
    ok: {},
    errors: { 302: `Redirect to \`/\`, signed in. ${REDIRECT_BACK}` },
  },
}
