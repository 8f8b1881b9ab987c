import { isIP } from 'node:net'
import type { Config } from '../../config.ts'
import { ApiError } from '../../platform/errors.ts'

/** The dashboard as WebAuthn names it: passkeys are bound to `id` and signed for `origin`. */
export interface RelyingParty {
  /** The public URL's host name (no port): a passkey made here works on this name only. */
  id: string
  name: string
  /** The public URL's origin, the only one whose ceremonies are accepted. */
  origin: string
}

/**
 * The relying party from the public URL (HARBORMASTER_PUBLIC_URL), the same origin sameOrigin()
 * accepts changes from. Not from the request's Host: a passkey is bound to its RP ID for life,
 * so it must not depend on which allowed name a browser happened to use. Browsers accept no IP
 * address as an RP ID, and WebAuthn only in a secure context (HTTPS, or http://localhost).
 *
 * @throws {ApiError} 409 when the public URL is an IP address.
 */
export function relyingParty(config: Pick<Config, 'publicOrigin'>): RelyingParty {
  const url = new URL(config.publicOrigin)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) !== 0) {
    throw new ApiError(
      409,
      'conflict',
      `Passkeys need the dashboard at a domain name, not ${url.hostname}: set HARBORMASTER_PUBLIC_URL (http://localhost works on this machine)`,
    )
  }
  return { id: url.hostname, name: 'Harbormaster', origin: url.origin }
}
