/** The six-digit code of the user's authenticator app, at sign-in (built by the TOTP work of issue 21). */
export function TotpCodeForm() {
  return null
}
