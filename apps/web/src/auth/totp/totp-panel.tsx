/** The authenticator app and recovery codes: enrol, show codes once, remove (built by the TOTP work of issue 21). */
export function TotpPanel() {
  return null
}
