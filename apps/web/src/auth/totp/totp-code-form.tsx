import { CodeForm } from './code-form.tsx'
import { useCodeSignIn } from './queries.ts'

/** The six-digit code of the user's authenticator app, at sign-in. */
export function TotpCodeForm() {
  const signIn = useCodeSignIn('totp')
  return (
    <CodeForm
      label="Code from your authenticator app"
      submitLabel="Verify"
      kind="totp"
      busy={signIn.isPending}
      error={signIn.error}
      onSubmit={(code) => {
        signIn.mutate({ code })
      }}
    />
  )
}
