import {
  passkeyParamsSchema,
  passkeyRegistrationRequestSchema,
  passkeyRenameRequestSchema,
  type PasskeyResponse,
} from '@harbormaster/contract'
import { generateRegistrationOptions } from '@simplewebauthn/server'
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { audited } from '../../audit/index.ts'
import { requireAction, requirePrincipal } from '../../policy/index.ts'
import type { Principal } from '../../policy/roles.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { CEREMONY_TIMEOUT_MS } from './ceremonies.ts'
import { checkRegistration } from './ceremony-checks.ts'
import { providerName } from './provider-names.ts'
import { relyingParty } from './relying-party.ts'

/**
 * The caller, signed in with a browser session: passkeys are added and removed there, never
 * with an API token (a token must not be able to plant or take away a way to sign in).
 */
function sessionPrincipal(c: Context<AppEnv>): Principal & { sessionIdHash: string } {
  const principal = requirePrincipal(c)
  const { sessionIdHash } = principal
  if (principal.via !== 'session' || sessionIdHash === undefined) {
    throw new ApiError(403, 'forbidden', 'Manage passkeys in a browser session, not with a token')
  }
  return { ...principal, sessionIdHash }
}

/**
 * Single sign-on users sign in at their identity provider, which re-applies their groups each
 * time: a passkey of ours would go around it (and around the provider disabling them).
 */
function refuseSingleSignOnUser(c: Context<AppEnv>, userId: string): void {
  if (c.var.auth.users.get(userId)?.singleSignOn === true) {
    throw new ApiError(
      409,
      'conflict',
      'Your account signs in with single sign-on: its second factors are your identity provider’s',
    )
  }
}

const registrationKey = (sessionIdHash: string) => `register:${sessionIdHash}`

const noSuchPasskey = () => new ApiError(404, 'not_found', 'You have no passkey with this id')

/**
 * Mounted at /api/auth/passkeys: the caller's own passkeys. Action `account.second-factor`, the
 * one a user whose role requires a second factor may use before they have one.
 */
export const passkeyEnrolmentRoutes = new Hono<AppEnv>()
  // The options of navigator.credentials.create(): a challenge bound to this session.
  .post('/registration/options', requireAction('account.second-factor'), async (c) => {
    const principal = sessionPrincipal(c)
    refuseSingleSignOnUser(c, principal.userId)
    const { passkeys, passkeyCeremonies } = c.var.auth
    const rp = relyingParty(c.var.config)
    const options = await generateRegistrationOptions({
      rpName: rp.name,
      rpID: rp.id,
      userName: principal.username,
      userDisplayName: principal.username,
      // Returned as userHandle by a password-less sign-in: the user it must belong to.
      userID: new TextEncoder().encode(principal.userId),
      timeout: CEREMONY_TIMEOUT_MS,
      attestationType: 'none',
      // The browser refuses an authenticator that already holds one of the user's passkeys.
      excludeCredentials: passkeys
        .ofUser(principal.userId)
        .map((p) => ({ id: p.id, transports: p.transports })),
      // Discoverable, so it can sign in without a username; verification where it can.
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    })
    passkeyCeremonies.begin(registrationKey(principal.sessionIdHash), options.challenge)
    return c.json({ options }, 200)
  })
  .post(
    '/registration',
    audited('passkey.add'),
    requireAction('account.second-factor'),
    validate('json', passkeyRegistrationRequestSchema),
    async (c) => {
      const principal = sessionPrincipal(c)
      const { name, credential } = c.req.valid('json')
      c.set('auditDetails', { target: principal.username, parameters: { name } })
      refuseSingleSignOnUser(c, principal.userId)
      const { passkeys, passkeyCeremonies } = c.var.auth
      const challenge = passkeyCeremonies.take(registrationKey(principal.sessionIdHash))
      if (challenge === undefined) {
        throw new ApiError(409, 'conflict', 'This passkey registration expired: add it again')
      }
      const info = await checkRegistration(c, credential, challenge)
      if (passkeys.find(info.credential.id)) {
        throw new ApiError(409, 'conflict', 'This passkey is already registered')
      }
      const passkey = passkeys.add({
        id: info.credential.id,
        userId: principal.userId,
        name,
        providerName: providerName(info.aaguid),
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        backedUp: info.credentialBackedUp,
      })
      c.set('auditDetails', { target: principal.username, parameters: { name: passkey.name } })
      return c.json<PasskeyResponse>({ passkey }, 201)
    },
  )
  .patch(
    '/:id',
    audited('passkey.rename'),
    requireAction('account.second-factor'),
    validate('param', passkeyParamsSchema),
    validate('json', passkeyRenameRequestSchema),
    (c) => {
      const principal = sessionPrincipal(c)
      const { id } = c.req.valid('param')
      const { name } = c.req.valid('json')
      c.set('auditDetails', { target: principal.username, parameters: { id, name } })
      const passkey = c.var.auth.passkeys.rename(principal.userId, id, name)
      if (!passkey) throw noSuchPasskey()
      return c.json<PasskeyResponse>({ passkey }, 200)
    },
  )
  .delete(
    '/:id',
    audited('passkey.remove'),
    requireAction('account.second-factor'),
    validate('param', passkeyParamsSchema),
    (c) => {
      const principal = sessionPrincipal(c)
      const { id } = c.req.valid('param')
      c.set('auditDetails', { target: principal.username, parameters: { id } })
      if (!c.var.auth.passkeys.remove(principal.userId, id)) throw noSuchPasskey()
      return c.body(null, 204)
    },
  )
