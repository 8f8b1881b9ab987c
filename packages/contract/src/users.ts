import { z } from 'zod'
import { passwordSchema, roleSchema, userHostGrantSchema, usernameSchema } from './auth.ts'

const hostGrantsSchema = z
  .array(userHostGrantSchema)
  .max(256)
  .refine((grants) => new Set(grants.map((g) => g.hostId)).size === grants.length, {
    message: 'one grant per host',
  })

/** A user as admins see them in the user list. */
export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  hostGrants: z.array(userHostGrantSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The second factors the user has (in the list admins read; absent elsewhere). */
  secondFactors: z.array(z.enum(['totp', 'recovery', 'passkey'])).optional(),
  /** Signed in through single sign-on: no password of ours. */
  singleSignOn: z.boolean().optional(),
})
export type UserSummary = z.infer<typeof userSummarySchema>

export const userListSchema = z.object({ users: z.array(userSummarySchema) })
export type UserList = z.infer<typeof userListSchema>

export const userResponseSchema = z.object({ user: userSummarySchema })
export type UserResponse = z.infer<typeof userResponseSchema>

export const createUserRequestSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    role: roleSchema,
    hostGrants: hostGrantsSchema.default([]),
  })
  .strict()
export type CreateUserRequest = z.input<typeof createUserRequestSchema>

export const updateUserRequestSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    /** Replaces all of the user's grants. */
    hostGrants: hostGrantsSchema.optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'expected at least one of role, disabled, hostGrants',
  })
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>

export const resetPasswordRequestSchema = z.object({ password: passwordSchema }).strict()
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>
