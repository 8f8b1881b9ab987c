import { z } from 'zod'

/**
 * Sessions a user can see (issue 21): where an account is signed in, each session endable by its
 * owner or an admin. A session is named by a public id, never by the hash its cookie is stored
 * as: the list must not hand out anything that opens a session.
 */

/** A session's public id: 16 hex characters, random, unrelated to its cookie. */
export const sessionPublicIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a 16-character session id')

/** How a session was signed in (the sessions table's `method`). */
export const sessionMethodSchema = z.enum(['password', 'passkey', 'oidc', 'setup'])
export type SessionMethod = z.infer<typeof sessionMethodSchema>

/** The second step a password sign-in passed, if any. */
export const sessionSecondFactorSchema = z.enum(['totp', 'recovery', 'passkey'])

export const signInSessionSchema = z.object({
  id: sessionPublicIdSchema,
  /** The session this request came with. */
  current: z.boolean(),
  /** From the user agent, e.g. "Chrome 131 on Linux"; "Unknown device" when it says nothing. */
  device: z.string(),
  /** As the browser sent it (at most 512 characters), for whoever wants the detail. */
  userAgent: z.string(),
  /** The peer address at sign-in (the proxy's client address when one is trusted). */
  address: z.string(),
  method: sessionMethodSchema,
  secondFactor: sessionSecondFactorSchema.nullable(),
  createdAt: z.iso.datetime(),
  /** Written at most once a minute: the current session's is "now" whatever it says. */
  lastUsedAt: z.iso.datetime(),
  /** The earlier of the idle and the absolute expiry. */
  expiresAt: z.iso.datetime(),
})
export type SignInSession = z.infer<typeof signInSessionSchema>

/** `GET /api/auth/sessions` and `GET /api/users/:id/sessions`: the live sessions, newest first. */
export const signInSessionListSchema = z.object({ sessions: z.array(signInSessionSchema) })
export type SignInSessionList = z.infer<typeof signInSessionListSchema>

/** `DELETE /api/auth/sessions/:id`. */
export const sessionParamsSchema = z.object({ id: sessionPublicIdSchema })

/** `DELETE /api/users/:id/sessions/:sessionId`. */
export const userSessionParamsSchema = z.object({
  id: z.string().min(1).max(64),
  sessionId: sessionPublicIdSchema,
})

/** How many sessions a "sign out everywhere else" or an admin's "end all" ended. */
export const sessionsEndedSchema = z.object({ ended: z.number().int().nonnegative() })
export type SessionsEnded = z.infer<typeof sessionsEndedSchema>
