import { sessionsEndedSchema, signInSessionListSchema } from '@harbormaster/contract'
import { type RouteDoc, done, json } from './route-doc.ts'

const LIST =
  'Live sessions, newest first, by public id (never the hash the cookie is kept as). ' +
  '`lastUsedAt` is written at most once a minute.'

/** Sessions a user can see (issue 21): one's own, and an admin's view of anyone's. */
export const sessionDocs: Record<string, RouteDoc> = {
  'GET /api/auth/sessions': {
    summary: 'Where you are signed in: your sessions, this one marked `current`',
    description: LIST,
    ok: { 200: json(signInSessionListSchema, 'Your sessions') },
  },
  'POST /api/auth/sessions/revoke-others': {
    summary: 'Sign out everywhere else: end every session of yours but this one; audited',
    description: 'Their live sockets close with 1008. API tokens are not touched.',
    ok: { 200: json(sessionsEndedSchema, 'How many sessions ended') },
    errors: { 403: 'Called with an API token: there is no "this session" to keep' },
  },
  'DELETE /api/auth/sessions/:id': {
    summary: 'End one of your sessions (this one too: that signs you out); audited',
    description: 'Its live sockets close with 1008 at once.',
    ok: { 204: done('Ended') },
    errors: { 404: 'You have no session with that id (another user’s session is not yours)' },
  },
  'GET /api/users/:id/sessions': {
    summary: 'A user’s sessions (admins)',
    description: LIST,
    ok: { 200: json(signInSessionListSchema, 'The user’s sessions') },
    errors: { 404: 'No such user' },
  },
  'DELETE /api/users/:id/sessions': {
    summary: 'End all of a user’s sessions (admins); audited',
    description:
      'The user signs in again, so a single-sign-on user’s group mapping applies now. ' +
      'Their API tokens are not touched.',
    ok: { 200: json(sessionsEndedSchema, 'How many sessions ended') },
    errors: { 404: 'No such user' },
  },
  'DELETE /api/users/:id/sessions/:sessionId': {
    summary: 'End one session of a user (admins); audited',
    ok: { 204: done('Ended') },
    errors: { 404: 'No such user, or no such session of that user' },
  },
}
