import {
  apiTokenListSchema,
  auditPageSchema,
  authUserResponseSchema,
  createdApiTokenSchema,
  healthSchema,
  healthStatusSchema,
  logoutResponseSchema,
  hostSchema,
  sessionStatusSchema,
  setupStatusSchema,
  userListSchema,
  userResponseSchema,
} from '@harbormaster/contract'
import { z } from 'zod'
import { type RouteDoc, done, json, text } from './route-doc.ts'

const THROTTLED = 'Too many failed attempts from this address or for this account (Retry-After)'

/** The server's own routes: health, accounts, tokens, users, audit, metrics, hosts. */
export const serverDocs: Record<string, RouteDoc> = {
  'GET /api/health': {
    summary: 'Health of the dashboard and its hosts',
    description:
      'Anonymous callers get only `ok` or `degraded` (always 200); a signed-in caller also gets ' +
      'the versions and the hosts they may see.',
    public: true,
    ok: { 200: json(z.union([healthSchema, healthStatusSchema]), 'The health') },
  },
  'GET /api/auth/setup': {
    summary: 'Whether first-run setup is still open',
    public: true,
    ok: { 200: json(setupStatusSchema, 'Setup status') },
  },
  'POST /api/auth/setup': {
    summary: 'Create the first admin with the setup code from the server log, and sign in',
    public: true,
    ok: { 201: json(authUserResponseSchema, 'The admin, signed in (session cookie set)') },
    errors: {
      403: 'Wrong setup code',
      409: 'Setup is complete: sign in instead',
      429: 'Too many wrong setup codes from this address (Retry-After)',
    },
  },
  'POST /api/auth/logout': {
    summary: 'End this session',
    public: true,
    ok: {
      200: json(
        logoutResponseSchema,
        'Signed out after single sign-on: go on to the provider to end its session too',
      ),
      204: done('Signed out (cookie cleared)'),
    },
  },
  'GET /api/auth/session': {
    summary: 'The signed-in user, or null: being signed out is not an error here',
    public: true,
    ok: { 200: json(sessionStatusSchema, 'The session') },
  },
  'GET /api/auth/me': {
    summary: 'The signed-in user (401 when signed out)',
    ok: { 200: json(authUserResponseSchema, 'The user') },
  },
  'POST /api/auth/password': {
    summary: 'Change your password (in a browser session, not with a token)',
    ok: { 204: done('Changed; every other session of yours ended') },
    errors: { 429: THROTTLED },
  },
  'GET /api/users': {
    summary: 'List users',
    ok: { 200: json(userListSchema, 'The users') },
  },
  'POST /api/users': {
    summary: 'Create a user',
    ok: { 201: json(userResponseSchema, 'The user') },
    errors: { 409: 'A user of that name exists', 429: 'The password hasher is busy (Retry-After)' },
  },
  'PATCH /api/users/:id': {
    summary: 'Change a user’s role, status or host grants',
    ok: { 200: json(userResponseSchema, 'The user') },
    errors: { 409: 'The change would leave no enabled admin' },
  },
  'POST /api/users/:id/password': {
    summary: 'Set a user’s password (ends their sessions)',
    ok: { 204: done('Set') },
    errors: { 429: 'The password hasher is busy (Retry-After)' },
  },
  'DELETE /api/users/:id': {
    summary: 'Delete a user',
    ok: { 204: done('Deleted') },
    errors: { 409: 'You cannot delete your own account, or the last enabled admin' },
  },
  'GET /api/tokens': {
    summary: 'List your API tokens',
    ok: { 200: json(apiTokenListSchema, 'Your tokens (never their values)') },
  },
  'POST /api/tokens': {
    summary: 'Create an API token (in a browser session, not with a token)',
    description: 'The value is in this answer only. A token acts with its user’s current role.',
    ok: { 201: json(createdApiTokenSchema, 'The token and its value') },
  },
  'DELETE /api/tokens/:id': {
    summary: 'Revoke one of your API tokens (its sockets close)',
    ok: { 204: done('Revoked') },
  },
  'GET /api/audit': {
    summary: 'Audit log, newest first, paged backwards with `before`',
    ok: { 200: json(auditPageSchema, 'A page of entries') },
  },
  'GET /api/metrics': {
    summary: 'What the dashboard costs its engines, in Prometheus text format',
    ok: { 200: text('Prometheus exposition format 0.0.4') },
  },
  'GET /api/openapi.json': {
    summary: 'This document',
    description: 'For admins, and for API tokens of any role.',
    ok: { 200: json(z.looseObject({ openapi: z.literal('3.1.0') }), 'OpenAPI 3.1') },
  },
  'GET /api/hosts': {
    summary: 'The hosts you may see, with their status and your role on each',
    ok: { 200: json(z.array(hostSchema), 'The hosts') },
  },
  'GET /api/hosts/:hostId': {
    summary: 'One host',
    ok: { 200: json(hostSchema, 'The host') },
  },
  'POST /api/hosts': {
    summary: 'Add a host',
    ok: { 201: json(hostSchema, 'The host') },
    errors: { 409: 'A host with that id exists' },
  },
  'PATCH /api/hosts/:hostId': {
    summary: 'Change a host (a new address or TLS material reconnects its streams)',
    ok: { 200: json(hostSchema, 'The host') },
  },
  'DELETE /api/hosts/:hostId': {
    summary: 'Remove a host (its sockets close with 4404)',
    ok: { 204: done('Removed') },
  },
}
