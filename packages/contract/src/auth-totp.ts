import { z } from 'zod'
import { presentedPasswordSchema } from './auth.ts'

/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238: SHA-1, six digits, 30 s) and the
 * one-time recovery codes that stand in for a lost authenticator (issue 21).
 */

/** Six digits as the app shows them; spaces (some apps show "123 456") are ignored. */
export const totpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'the six digits your authenticator app shows'))

/** A recovery code as printed ("abcde-12345"); case, spaces and dashes are ignored. */
export const recoveryCodeSchema = z
  .string()
  .max(40, 'a recovery code is ten letters and digits')
  .transform((code) => code.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-z]{10}$/, 'a recovery code is ten letters and digits'))

/** `POST /api/auth/second-factor/totp` and `POST /api/auth/totp/confirm`. */
export const totpCodeRequestSchema = z.object({ code: totpCodeSchema }).strict()
export type TotpCodeRequest = z.input<typeof totpCodeRequestSchema>

/** `POST /api/auth/second-factor/recovery`. */
export const recoveryCodeRequestSchema = z.object({ code: recoveryCodeSchema }).strict()
export type RecoveryCodeRequest = z.input<typeof recoveryCodeRequestSchema>

/**
 * `POST /api/auth/totp` (enrolment starts): a new secret, not yet in use. The key is shown for
 * manual entry, the QR code (an SVG document, as text) carries the otpauth:// URI.
 */
export const totpEnrolmentSchema = z.object({
  otpauthUri: z.string(),
  /** The secret in base32, as authenticator apps take it when typed. */
  manualKey: z.string(),
  qrCodeSvg: z.string(),
})
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>

/** Ten fresh one-time recovery codes: shown in this answer only, stored hashed. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) })
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>

/**
 * What `DELETE /api/auth/totp` and `POST /api/auth/recovery-codes` ask first: a current code from
 * the authenticator, or the account's password (the authenticator lost, or passkeys only), so a
 * stolen session alone cannot remove a second factor or mint recovery codes.
 */
export const secondFactorProofSchema = z.union([
  z.object({ code: totpCodeSchema }).strict(),
  z.object({ password: presentedPasswordSchema }).strict(),
])
export type SecondFactorProof = z.input<typeof secondFactorProofSchema>
