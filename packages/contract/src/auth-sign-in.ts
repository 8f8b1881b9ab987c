import { z } from 'zod'
import { authUserResponseSchema, roleSchema } from './auth.ts'

/**
 * Team sign-in (issue 21): the steps after a password, the second factors a user has, and the
 * server-wide rules an admin sets.
 */

/** A second factor offered after a password: an authenticator code, a recovery code, a passkey. */
export const secondFactorMethodSchema = z.enum(['totp', 'recovery', 'passkey'])
export type SecondFactorMethod = z.infer<typeof secondFactorMethodSchema>

/**
 * The password was right and a second factor is owed: no session exists yet, only a short-lived
 * sign-in challenge (a cookie) that the second factor's route completes.
 */
export const secondFactorNeededSchema = z.object({
  user: z.null(),
  secondFactor: z.object({ methods: z.array(secondFactorMethodSchema) }),
})
export type SecondFactorNeeded = z.infer<typeof secondFactorNeededSchema>

/** Answer of `POST /api/auth/login`: signed in, or a second factor is owed. */
export const loginResponseSchema = z.union([authUserResponseSchema, secondFactorNeededSchema])
export type LoginResponse = z.infer<typeof loginResponseSchema>

/** Who may sign in with a password: everyone, or only admins (the break-glass accounts). */
export const passwordSignInSchema = z.enum(['everyone', 'admins'])
export type PasswordSignIn = z.infer<typeof passwordSignInSchema>

/** `GET /api/auth/sign-in-options` (public): what the sign-in page offers. */
export const signInOptionsSchema = z.object({
  passwordSignIn: passwordSignInSchema,
  /** Single sign-on, when configured: the button reads "Sign in with <name>". */
  oidc: z.object({ name: z.string() }).nullable(),
})
export type SignInOptions = z.infer<typeof signInOptionsSchema>

/** `GET/PUT /api/auth/settings` (admins): the server-wide sign-in rules. */
export const authSettingsSchema = z
  .object({
    passwordSignIn: passwordSignInSchema,
    /** Roles whose members must have a second factor (password sign-ins; SSO is the provider's). */
    secondFactorRoles: z.array(roleSchema),
  })
  .strict()
export type AuthSettings = z.infer<typeof authSettingsSchema>

/** A passkey as its owner sees it: never its public key. */
export const passkeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** Synced by its provider (a phone's or a password manager's passkey), not bound to a device. */
  backedUp: z.boolean(),
})
export type PasskeySummary = z.infer<typeof passkeySummarySchema>

/** `GET /api/auth/second-factors`: the caller's second factors and whether one is required. */
export const secondFactorsStatusSchema = z.object({
  required: z.boolean(),
  totp: z.object({ enrolled: z.boolean(), confirmedAt: z.iso.datetime().nullable() }),
  recoveryCodesLeft: z.number().int(),
  passkeys: z.array(passkeySummarySchema),
})
export type SecondFactorsStatus = z.infer<typeof secondFactorsStatusSchema>
