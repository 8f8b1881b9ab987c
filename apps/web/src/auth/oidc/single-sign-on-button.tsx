/** "Sign in with <provider>" on the sign-in page (built by the OIDC work of issue 21). */
export function SingleSignOnButton() {
  return null
}
