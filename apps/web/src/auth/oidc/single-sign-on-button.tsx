import type { SingleSignOnFailure } from '@harbormaster/contract'
import { singleSignOnFailureSchema } from '@harbormaster/contract'
import { useState } from 'react'
import { buttonClass, forms } from '../../ui/index.ts'
import { useSignInOptions } from '../queries.ts'

/** What each failure code of the callback (`/?signInError=<code>`) means to the person signing in. */
const FAILURES: Record<SingleSignOnFailure, string> = {
  expired: 'That sign-in took too long or was already used. Try again.',
  state: 'The identity provider’s answer was not for this browser’s sign-in. Try again.',
  provider: 'The identity provider did not sign you in.',
  token: 'The identity provider’s answer failed its checks. Try again, or ask an administrator.',
  unavailable: 'The identity provider could not be reached. Try again later.',
  unknown_user: 'Your account is not known here. Ask an administrator to let you in.',
  no_role: 'None of your groups gives access to Harbormaster. Ask an administrator.',
  awaiting_approval:
    'Your account was created and waits for an administrator to let you in. Try again then.',
  disabled: 'Your account is disabled. Ask an administrator.',
  not_configured: 'Single sign-on is not configured on this server.',
  setup_needed: 'Harbormaster is not set up yet: an administrator signs in first.',
}

/**
 * The failure the provider's round trip came back with, read once: the address loses it, so a
 * reload does not show an old failure again.
 */
function takeFailure(): string | undefined {
  const url = new URL(window.location.href)
  const code = url.searchParams.get('signInError')
  if (code === null) return undefined
  url.searchParams.delete('signInError')
  window.history.replaceState(window.history.state, '', url)
  const known = singleSignOnFailureSchema.safeParse(code)
  return known.success ? FAILURES[known.data] : 'Single sign-on failed. Try again.'
}

/**
 * "Sign in with <provider>" on the sign-in page: a full-page navigation (the provider's pages
 * are not ours to fetch), and the reason when the last attempt came back failed.
 */
export function SingleSignOnButton() {
  const options = useSignInOptions()
  const [failure] = useState(takeFailure)
  const oidc = options.data?.oidc
  return (
    <>
      {failure !== undefined && (
        <p className={forms.formError} role="alert">
          {failure}
        </p>
      )}
      {oidc && (
        <a className={buttonClass()} href="/api/auth/oidc/start">
          Sign in with {oidc.name}
        </a>
      )}
    </>
  )
}
