/** A passkey as the second factor of a password sign-in (built by the passkey work of issue 21). */
export function PasskeySecondFactor() {
  return null
}
