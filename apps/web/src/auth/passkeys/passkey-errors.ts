/**
 * What went wrong in a passkey ceremony, as a sentence. The browser reports a cancel, a timeout
 * and a refusal all as NotAllowedError (on purpose: a page must not learn which passkeys exist).
 * Anything else (the server's ApiRequestError among them) keeps its own words.
 */
export function passkeyErrorMessage(err: unknown): string {
  const name = err instanceof Error ? err.name : ''
  switch (name) {
    case 'NotAllowedError':
      return 'The passkey request was cancelled or timed out. Try again when you are ready.'
    case 'AbortError':
      return 'The passkey request was cancelled.'
    case 'InvalidStateError':
      return 'This authenticator already holds one of your passkeys: use another one.'
    case 'SecurityError':
      return 'This browser refused passkeys at this address: open the dashboard at its public URL (HTTPS, or http://localhost).'
    case 'NotSupportedError':
      return 'This browser or authenticator cannot make a passkey this dashboard accepts.'
    default:
      return err instanceof Error ? err.message : String(err)
  }
}
