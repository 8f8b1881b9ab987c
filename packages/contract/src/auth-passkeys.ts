import { z } from 'zod'
import { passkeySummarySchema } from './auth-sign-in.ts'

/**
 * Passkeys (issue 21): the WebAuthn ceremonies' JSON as the browser sends it (the W3C's
 * `RegistrationResponseJSON` and `AuthenticationResponseJSON`, base64url strings throughout),
 * and the names users give their passkeys.
 */

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, 'base64url without padding')
  .max(16_384)

/** The name a user gives a passkey ("Work laptop"); one is made up when they give none. */
export const passkeyNameSchema = z.string().trim().min(1).max(64)

/** What `navigator.credentials.create()` returned, as JSON. */
export const registrationCredentialSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(8).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  /** Extensions' results: none asked for, none read. */
  clientExtensionResults: z.unknown(),
})
export type RegistrationCredential = z.infer<typeof registrationCredentialSchema>

/** What `navigator.credentials.get()` returned, as JSON. */
export const authenticationCredentialSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.unknown(),
})
export type AuthenticationCredential = z.infer<typeof authenticationCredentialSchema>

/** `POST /api/auth/passkeys/registration`: the new passkey, with the name its owner chose. */
export const passkeyRegistrationRequestSchema = z
  .object({ name: passkeyNameSchema.optional(), credential: registrationCredentialSchema })
  .strict()
export type PasskeyRegistrationRequest = z.infer<typeof passkeyRegistrationRequestSchema>

/** `PATCH /api/auth/passkeys/:id`. */
export const passkeyRenameRequestSchema = z.object({ name: passkeyNameSchema }).strict()
export type PasskeyRenameRequest = z.infer<typeof passkeyRenameRequestSchema>

/** The sign-in routes' body: a passkey's signature over the server's challenge. */
export const passkeyAuthenticationRequestSchema = z
  .object({ credential: authenticationCredentialSchema })
  .strict()
export type PasskeyAuthenticationRequest = z.infer<typeof passkeyAuthenticationRequestSchema>

export const passkeyResponseSchema = z.object({ passkey: passkeySummarySchema })
export type PasskeyResponse = z.infer<typeof passkeyResponseSchema>

export const passkeyParamsSchema = z.object({ id: base64url.min(1).max(1024) })

/**
 * The options of a ceremony, passed as they are to the browser's WebAuthn call
 * (`PublicKeyCredentialCreationOptionsJSON` or `...RequestOptionsJSON`); described loosely, the
 * W3C's dictionaries are the reference.
 */
export const passkeyOptionsSchema = z.object({
  options: z.looseObject({ challenge: base64url, timeout: z.number().optional() }),
})
