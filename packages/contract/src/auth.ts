import { z } from 'zod'
import { hostIdSchema } from './hosts.ts'

/** Passwords are hashed with argon2; anything longer than this is refused before hashing. */
export const MAX_PASSWORD_BYTES = 1024

/**
 * True when the UTF-8 encoding fits in MAX_PASSWORD_BYTES. UTF-8 never takes fewer bytes than
 * UTF-16 code units, so an over-long string is refused without encoding it.
 */
function fitsPasswordBytes(value: string): boolean {
  if (value.length > MAX_PASSWORD_BYTES) return false
  return new TextEncoder().encode(value).length <= MAX_PASSWORD_BYTES
}

const passwordBytes = { message: `password: at most ${MAX_PASSWORD_BYTES} bytes` }

/** A new password (setup, user creation, change, reset). */
export const passwordSchema = z.string().min(8).refine(fitsPasswordBytes, passwordBytes)

/**
 * A password being checked (sign-in, current password): no minimum, so every wrong attempt gets
 * the same 401 whatever its length, but the same byte cap so nothing oversized is hashed.
 */
export const presentedPasswordSchema = z.string().min(1).refine(fitsPasswordBytes, passwordBytes)

export const usernameSchema = z
  .string()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,63}$/,
    '2 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  )

export const roleSchema = z.enum(['admin', 'operator', 'viewer'])
export type UserRole = z.infer<typeof roleSchema>

export const hostRoleSchema = z.enum(['none', 'viewer', 'operator', 'admin'])

/** A per-host narrowing of a user's role, optionally to objects carrying one label. */
export const userHostGrantSchema = z
  .object({
    hostId: hostIdSchema,
    role: hostRoleSchema,
    labelScope: z
      .string()
      .max(256)
      .regex(/^[a-zA-Z0-9._/-]+(=[^\s]*)?$/, 'expected "key" or "key=value"')
      .optional(),
  })
  .strict()
export type UserHostGrant = z.infer<typeof userHostGrantSchema>

/** The signed-in user as the web app sees them. */
export const authUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  hostGrants: z.array(userHostGrantSchema),
  /**
   * Their role requires a second factor and they have none: until they enrol one, every route but
   * enrolment and sign-out refuses them (absent: false).
   */
  mustEnrolSecondFactor: z.boolean().optional(),
})
export type AuthUser = z.infer<typeof authUserSchema>

export const setupStatusSchema = z.object({ needed: z.boolean() })
export type SetupStatus = z.infer<typeof setupStatusSchema>

/**
 * The one-time code the server prints in its log at start while setup is open: only someone
 * who can read that log may create the first admin. Letters and digits, any case, dashes and
 * spaces ignored.
 */
export const setupCodeSchema = z
  .string({ error: 'the setup code printed in the server log at start is required' })
  .min(1, 'the setup code printed in the server log at start is required')
  .max(64)

export const setupRequestSchema = z
  .object({ username: usernameSchema, password: passwordSchema, setupCode: setupCodeSchema })
  .strict()
export type SetupRequest = z.infer<typeof setupRequestSchema>

export const loginRequestSchema = z
  .object({ username: z.string().min(1).max(128), password: presentedPasswordSchema })
  .strict()
export type LoginRequest = z.infer<typeof loginRequestSchema>

/** Answer of sign-in, first-run setup and `GET /api/auth/me`. */
export const authUserResponseSchema = z.object({ user: authUserSchema })
export type AuthUserResponse = z.infer<typeof authUserResponseSchema>

/**
 * Answer of `GET /api/auth/session`, the web app's start-up probe: the signed-in user or null.
 * A 200 either way, so a signed-out browser does not log a failed request in its console.
 */
export const sessionStatusSchema = z.object({ user: authUserSchema.nullable() })
export type SessionStatus = z.infer<typeof sessionStatusSchema>

export const changePasswordRequestSchema = z
  .object({ currentPassword: presentedPasswordSchema, newPassword: passwordSchema })
  .strict()
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>

export const createApiTokenRequestSchema = z
  .object({ name: z.string().trim().min(1).max(100) })
  .strict()
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>

/** An API token as listed: never its value or hash. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
})
export type ApiToken = z.infer<typeof apiTokenSchema>

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) })
export type ApiTokenList = z.infer<typeof apiTokenListSchema>

/** The one answer that carries a token's value (`hm_...`); it cannot be shown again. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() })
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>

/** `:id` in a path (users, tokens). Path parameters are ours, so no strictness here. */
export const idParamsSchema = z.object({ id: z.string().min(1).max(64) })
