import {
  authUserResponseSchema,
  passkeyOptionsSchema,
  passkeyResponseSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const RP =
  'The relying party is the public URL (HARBORMASTER_PUBLIC_URL): its host name is the RP ID, ' +
  'its origin the only one accepted. '

/** Passkeys (issue 21): a user's own, and signing in with one (docs/security.md, "Passkeys"). */
export const passkeyDocs: Record<string, RouteDoc> = {
  'POST /api/auth/passkeys/registration/options': {
    summary: 'Start adding a passkey: the options for navigator.credentials.create()',
    description:
      RP +
      'A discoverable credential (it signs in without a username), user verification preferred, ' +
      'your existing passkeys excluded. The challenge is bound to this session and used once. ' +
      'Browser sessions only.',
    ok: { 200: json(passkeyOptionsSchema, 'PublicKeyCredentialCreationOptionsJSON') },
    errors: {
      403: 'Called with an API token',
      409: 'The public URL is an IP address, or the account signs in with single sign-on',
    },
  },
  'POST /api/auth/passkeys/registration': {
    summary: 'Add the passkey the browser created; audited',
    ok: { 201: json(passkeyResponseSchema, 'The passkey, named as given or after its provider') },
    errors: {
      400: 'The credential does not check out (origin, RP ID, challenge, signature)',
      409: 'No registration pending for this session (expired or used), or already registered',
    },
  },
  'PATCH /api/auth/passkeys/:id': {
    summary: 'Rename one of your passkeys; audited',
    ok: { 200: json(passkeyResponseSchema, 'The passkey') },
    errors: { 404: 'You have no passkey with this id' },
  },
  'DELETE /api/auth/passkeys/:id': {
    summary: 'Remove one of your passkeys: it no longer signs in; audited',
    ok: { 204: done('Removed') },
    errors: { 404: 'You have no passkey with this id' },
  },
  'POST /api/auth/passkeys/second-factor/options': {
    summary: 'After a right password: the options for navigator.credentials.get()',
    description: `${RP}They name the passkeys of the user whose password was right.`,
    public: true,
    ok: { 200: json(passkeyOptionsSchema, 'PublicKeyCredentialRequestOptionsJSON') },
    errors: {
      401: 'No sign-in challenge (no right password), or it expired',
      409: 'The account has no passkey',
    },
  },
  'POST /api/auth/passkeys/second-factor': {
    summary: 'Complete a password sign-in with a passkey: the session cookie; audited',
    public: true,
    ok: { 200: json(authUserResponseSchema, 'Signed in') },
    errors: { 401: 'No sign-in challenge, or the passkey’s answer was refused' },
  },
  'POST /api/auth/passkeys/sign-in/options': {
    summary: 'Start a password-less sign-in: options naming no user, user verification required',
    description: `${RP}The challenge is bound to a short-lived cookie of this browser.`,
    public: true,
    ok: { 200: json(passkeyOptionsSchema, 'PublicKeyCredentialRequestOptionsJSON') },
    errors: { 409: 'The public URL is an IP address' },
  },
  'POST /api/auth/passkeys/sign-in': {
    summary: 'Sign in with a passkey alone: the session cookie; audited',
    description:
      'Any role, even when password sign-in is for admins only; it counts as a second factor.',
    public: true,
    ok: { 200: json(authUserResponseSchema, 'Signed in') },
    errors: {
      401: 'Expired ceremony, unknown passkey, disabled account, or a refused signature',
    },
  },
}
