import { randomBytes } from 'node:crypto'
import {
  passkeyAuthenticationRequestSchema,
  type AuthUserResponse,
  type AuthenticationCredential,
} from '@harbormaster/contract'
import { generateAuthenticationOptions } from '@simplewebauthn/server'
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { audited } from '../../audit/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import {
  finishSecondFactor,
  finishSignIn,
  readSignInChallenge,
} from '../second-factor/complete-sign-in.ts'
import { readAuthCookie, writeAuthCookie } from '../session-cookie.ts'
import { hashSessionId } from '../sessions.ts'
import type { UserRecord } from '../users.ts'
import { CEREMONY_TIMEOUT_MS } from './ceremonies.ts'
import { checkAssertion } from './ceremony-checks.ts'
import type { StoredPasskey } from './passkey-store.ts'
import { relyingParty } from './relying-party.ts'

/** The password-less ceremony's cookie: what binds its challenge to this browser. */
const CEREMONY_COOKIE = 'hm_passkey'
const CEREMONY_COOKIE_SECONDS = 180

const secondFactorKey = (challengeIdHash: string) => `second-factor:${challengeIdHash}`
const signInKey = (rawId: string) => `sign-in:${hashSessionId(rawId)}`

const refused = (message: string) => new ApiError(401, 'unauthenticated', message)

/** The passkey a password-less answer names, with its user, enabled and signing in locally. */
function passkeyAndUser(
  c: Context<AppEnv>,
  credential: AuthenticationCredential,
): { passkey: StoredPasskey; user: UserRecord } {
  const { passkeys, users } = c.var.auth
  const passkey = passkeys.find(credential.id)
  if (!passkey) throw refused('This passkey is not registered here (it may have been removed)')
  const user = users.get(passkey.userId)
  const userHandle = Buffer.from(passkey.userId).toString('base64url')
  const handle = credential.response.userHandle
  // The authenticator's user handle is the user id it was made for (enrolment-routes.ts).
  if (!user || (handle !== undefined && handle !== userHandle)) {
    throw refused('This passkey is not registered here (it may have been removed)')
  }
  if (user.disabled) throw refused('This account is disabled')
  if (user.singleSignOn) throw refused('This account signs in with single sign-on')
  return { passkey, user }
}

/**
 * Mounted at /api/auth/passkeys: the two uses of a passkey at sign-in. Public: the second
 * factor's routes are guarded by the sign-in challenge (a right password), the password-less
 * ones by the passkey itself.
 */
export const passkeySignInRoutes = new Hono<AppEnv>()
  // Second factor: the options name the passkeys of the user whose password was right.
  .post('/second-factor/options', async (c) => {
    const services = c.var.auth
    const pending = readSignInChallenge(c, services)
    const passkeys = services.passkeys.ofUser(pending.user.id)
    if (passkeys.length === 0) {
      throw new ApiError(409, 'conflict', 'This account has no passkey: use another second factor')
    }
    const options = await generateAuthenticationOptions({
      rpID: relyingParty(c.var.config).id,
      allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
      userVerification: 'preferred',
      timeout: CEREMONY_TIMEOUT_MS,
    })
    services.passkeyCeremonies.begin(secondFactorKey(pending.challenge.idHash), options.challenge)
    return c.json({ options }, 200)
  })
  .post(
    '/second-factor',
    audited('auth.passkey'),
    validate('json', passkeyAuthenticationRequestSchema),
    async (c) => {
      const services = c.var.auth
      const pending = readSignInChallenge(c, services)
      c.set('auditDetails', { target: pending.user.username })
      const { credential } = c.req.valid('json')
      const challenge = services.passkeyCeremonies.take(secondFactorKey(pending.challenge.idHash))
      if (challenge === undefined) throw refused('This passkey request expired: try again')
      const passkey = services.passkeys.find(credential.id)
      if (passkey?.userId !== pending.user.id) {
        throw refused('This passkey is not one of this account’s')
      }
      // The password was the first factor: presence suffices, verification is a bonus.
      await checkAssertion(c, passkey, { credential, challenge, userVerification: false })
      return c.json<AuthUserResponse>(finishSecondFactor(c, services, pending, 'passkey'), 200)
    },
  )
  // Password-less: no user named, the browser offers the passkeys it holds for this site.
  .post('/sign-in/options', async (c) => {
    const services = c.var.auth
    const options = await generateAuthenticationOptions({
      rpID: relyingParty(c.var.config).id,
      userVerification: 'required',
      timeout: CEREMONY_TIMEOUT_MS,
    })
    const rawId = randomBytes(32).toString('base64url')
    services.passkeyCeremonies.begin(signInKey(rawId), options.challenge)
    writeAuthCookie(c, services, {
      name: CEREMONY_COOKIE,
      value: rawId,
      maxAge: CEREMONY_COOKIE_SECONDS,
    })
    return c.json({ options }, 200)
  })
  .post(
    '/sign-in',
    audited('auth.passkey-sign-in'),
    validate('json', passkeyAuthenticationRequestSchema),
    async (c) => {
      const services = c.var.auth
      const rawId = readAuthCookie(c, services, CEREMONY_COOKIE)
      writeAuthCookie(c, services, { name: CEREMONY_COOKIE, value: '', maxAge: 0 })
      const challenge =
        rawId === undefined ? undefined : services.passkeyCeremonies.take(signInKey(rawId))
      if (challenge === undefined) throw refused('This passkey sign-in expired: try again')
      const { credential } = c.req.valid('json')
      const { passkey, user } = passkeyAndUser(c, credential)
      c.set('auditDetails', { target: user.username })
      // Alone it is the whole sign-in: the authenticator must have checked who holds it.
      await checkAssertion(c, passkey, { credential, challenge, userVerification: true })
      return c.json<AuthUserResponse>(finishSignIn(c, services, user, 'passkey'), 200)
    },
  )
