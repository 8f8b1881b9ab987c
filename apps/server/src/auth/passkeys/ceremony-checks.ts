import type { AuthenticationCredential, RegistrationCredential } from '@harbormaster/contract'
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'
import type { StoredPasskey } from './passkey-store.ts'
import { relyingParty } from './relying-party.ts'

type Registered = Extract<VerifiedRegistrationResponse, { verified: true }>['registrationInfo']

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** An object without its undefined members, as JSON has none (exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const copy: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) if (member !== undefined) copy[key] = member
  return copy as { [K in keyof T]: Exclude<T[K], undefined> }
}

/**
 * The library's types of the browser's JSON; our schema only spells the optional members out.
 * No extension was asked for, so their results are not passed on.
 */
const asRegistration = (c: RegistrationCredential): RegistrationResponseJSON =>
  defined({ ...c, response: defined(c.response), clientExtensionResults: {} })
const asAuthentication = (c: AuthenticationCredential): AuthenticationResponseJSON =>
  defined({ ...c, response: defined(c.response), clientExtensionResults: {} })

/**
 * Checks a new credential against the challenge handed out for it, the public URL's origin and
 * RP ID; attestation 'none' (we trust no vendor list, only the key the passkey will sign with).
 *
 * @throws {ApiError} 400 naming what did not match.
 */
export async function checkRegistration(
  c: Context<AppEnv>,
  credential: RegistrationCredential,
  expectedChallenge: string,
): Promise<Registered> {
  const rp = relyingParty(c.var.config)
  try {
    const result = await verifyRegistrationResponse({
      response: asRegistration(credential),
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // Asked for as 'preferred': a security key without a PIN is still a second factor.
      requireUserVerification: false,
    })
    if (result.verified) return result.registrationInfo
  } catch (err) {
    throw new ApiError(400, 'invalid_request', `The passkey was not accepted: ${reason(err)}`)
  }
  throw new ApiError(400, 'invalid_request', 'The passkey was not accepted')
}

/**
 * Checks a passkey's signature over the challenge handed out, then moves its counter on. A
 * counter that did not grow (for an authenticator that keeps one) means a copy of the key signed:
 * refused. The store moves the counter only from the value read, so of two uses of one answer
 * racing each other only one passes.
 *
 * @throws {ApiError} 401 when the answer does not check out.
 */
export async function checkAssertion(
  c: Context<AppEnv>,
  passkey: StoredPasskey,
  check: { credential: AuthenticationCredential; challenge: string; userVerification: boolean },
): Promise<void> {
  const rp = relyingParty(c.var.config)
  let info
  try {
    const result = await verifyAuthenticationResponse({
      response: asAuthentication(check.credential),
      expectedChallenge: check.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.id,
        publicKey: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: check.userVerification,
    })
    if (!result.verified) throw new Error('the signature does not match the passkey')
    info = result.authenticationInfo
  } catch (err) {
    const message = /counter/i.test(reason(err))
      ? 'its signature counter went backwards, as a copied passkey’s would'
      : reason(err)
    throw new ApiError(401, 'unauthenticated', `The passkey was not accepted: ${message}`)
  }
  const { passkeys } = c.var.auth
  if (!passkeys.recordUse(passkey.id, passkey.counter, info.newCounter, info.credentialBackedUp)) {
    throw new ApiError(401, 'unauthenticated', 'The passkey was not accepted: it was used twice')
  }
}
