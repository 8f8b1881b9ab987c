import type { SingleSignOnFailure } from '@harbormaster/contract'

/**
 * A single sign-on that failed, with the short code the browser is sent back with
 * (`/?signInError=<code>`, explained in the contract and on the sign-in page). The message is for
 * the log and the audit: it never holds a token, a code or a secret.
 */
export class OidcSignInError extends Error {
  readonly code: SingleSignOnFailure

  constructor(code: SingleSignOnFailure, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'OidcSignInError'
    this.code = code
  }
}

/** The audit entry's status: a refusal of this user (403), or a sign-in that failed (401). */
export function auditStatusOf(code: SingleSignOnFailure): number {
  return code === 'unknown_user' ||
    code === 'no_role' ||
    code === 'awaiting_approval' ||
    code === 'disabled'
    ? 403
    : 401
}
