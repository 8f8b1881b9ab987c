import {
  authUserResponseSchema,
  recoveryCodesSchema,
  totpEnrolmentSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const THROTTLED = 'Too many wrong codes for this account or from this address (Retry-After)'
const SESSION_ONLY = 'Called with an API token: second factors change in a browser session only'

/** Authenticator apps (TOTP) and recovery codes (issue 21). */
export const totpDocs: Record<string, RouteDoc> = {
  'POST /api/auth/totp': {
    summary: 'Start setting up an authenticator app: a new secret, its QR code and manual key',
    description:
      'The secret is not a second factor until confirmed with a code; starting again replaces ' +
      'an unconfirmed one.',
    ok: { 201: json(totpEnrolmentSchema, 'The otpauth:// URI, the base32 key and an SVG QR code') },
    errors: { 403: SESSION_ONLY, 409: 'An authenticator app is already set up' },
  },
  'POST /api/auth/totp/confirm': {
    summary: 'Confirm the new authenticator app with its current code; ten recovery codes',
    ok: { 200: json(recoveryCodesSchema, 'Recovery codes, shown in this answer only') },
    errors: {
      400: 'Not the current code of the new secret',
      403: SESSION_ONLY,
      409: 'Already set up',
    },
  },
  'DELETE /api/auth/totp': {
    summary: 'Remove the authenticator app (a current code or the password is asked)',
    ok: { 204: done('Removed; recovery codes go too when no other second factor is left') },
    errors: {
      400: 'Wrong code or password',
      403: SESSION_ONLY,
      404: 'No authenticator app is set up',
      429: THROTTLED,
    },
  },
  'POST /api/auth/recovery-codes': {
    summary: 'Ten new recovery codes, replacing the old ones (a current code or the password)',
    ok: { 200: json(recoveryCodesSchema, 'Recovery codes, shown in this answer only') },
    errors: {
      400: 'Wrong code or password',
      403: SESSION_ONLY,
      409: 'No second factor to recover',
      429: THROTTLED,
    },
  },
  'POST /api/auth/second-factor/totp': {
    summary: 'Finish a password sign-in with the authenticator app’s code',
    description: 'Each code is accepted once, within one 30-second step either side of now.',
    public: true,
    ok: { 200: json(authUserResponseSchema, 'Signed in (session cookie set)') },
    errors: { 401: 'Wrong or used code, or the sign-in expired', 429: THROTTLED },
  },
  'POST /api/auth/second-factor/recovery': {
    summary: 'Finish a password sign-in with a one-time recovery code',
    public: true,
    ok: { 200: json(authUserResponseSchema, 'Signed in (session cookie set)') },
    errors: { 401: 'Wrong or used code, or the sign-in expired', 429: THROTTLED },
  },
}
