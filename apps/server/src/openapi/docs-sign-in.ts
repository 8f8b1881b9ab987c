import {
  authSettingsSchema,
  loginResponseSchema,
  secondFactorsStatusSchema,
  signInOptionsSchema,
} from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

/** Team sign-in (issue 21): sign-in steps, second factors, the server-wide sign-in rules. */
export const signInDocs: Record<string, RouteDoc> = {
  'POST /api/auth/login': {
    summary: 'Sign in with a password: a session cookie, or a second factor is owed',
    description:
      'When the user has a second factor the answer is `{ user: null, secondFactor: { methods } }` ' +
      'and a short-lived sign-in cookie: the chosen method’s route completes the sign-in.',
    public: true,
    ok: { 200: json(loginResponseSchema, 'Signed in (session cookie set), or the next step') },
    errors: {
      401: 'Wrong username or password',
      403: 'Password sign-in is off for this account (single sign-on only)',
      429: 'Too many failed attempts from this address or for this account (Retry-After)',
    },
  },
  'GET /api/auth/sign-in-options': {
    summary: 'What the sign-in page offers: password sign-in for whom, single sign-on',
    public: true,
    ok: { 200: json(signInOptionsSchema, 'The options') },
  },
  'GET /api/auth/second-factors': {
    summary: 'Your second factors, and whether your role requires one',
    ok: { 200: json(secondFactorsStatusSchema, 'Your second factors (never a secret)') },
  },
  'GET /api/auth/settings': {
    summary: 'The server-wide sign-in rules',
    ok: { 200: json(authSettingsSchema, 'The rules') },
  },
  'PUT /api/auth/settings': {
    summary: 'Set who may sign in with a password and which roles need a second factor',
    ok: { 200: json(authSettingsSchema, 'The rules as saved') },
  },
  'DELETE /api/users/:id/second-factors': {
    summary: 'Remove every second factor of a user (they lost them); audited',
    ok: { 204: done('Removed: the user signs in with their password and enrols again') },
  },
}
