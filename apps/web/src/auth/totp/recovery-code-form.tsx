import { CodeForm } from './code-form.tsx'
import { useCodeSignIn } from './queries.ts'

/** A one-time recovery code, at sign-in: for a lost authenticator app or passkey. */
export function RecoveryCodeForm() {
  const signIn = useCodeSignIn('recovery')
  return (
    <CodeForm
      label="Recovery code"
      submitLabel="Sign in with recovery code"
      kind="recovery"
      busy={signIn.isPending}
      error={signIn.error}
      onSubmit={(code) => {
        signIn.mutate({ code })
      }}
    />
  )
}
