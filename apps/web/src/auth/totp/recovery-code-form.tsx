/** A one-time recovery code, at sign-in (built by the TOTP work of issue 21). */
export function RecoveryCodeForm() {
  return null
}
