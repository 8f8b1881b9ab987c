import { browserSupportsWebAuthn } from '@simplewebauthn/browser'
import { Button, forms } from '../../ui/index.ts'
import { usePasskeySignIn } from './passkey-api.ts'
import { passkeyErrorMessage } from './passkey-errors.ts'

/**
 * Password-less sign-in on the sign-in page: no username needed, the browser offers the passkeys
 * it holds for this site. Hidden in browsers without WebAuthn (or outside a secure context).
 */
export function PasskeySignInButton() {
  const signIn = usePasskeySignIn()
  if (!browserSupportsWebAuthn()) return null
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        busy={signIn.isPending}
        onClick={() => {
          signIn.mutate()
        }}
      >
        Sign in with a passkey
      </Button>
      {signIn.isError && (
        <p className={forms.formError} role="alert">
          {passkeyErrorMessage(signIn.error)}
        </p>
      )}
    </>
  )
}
