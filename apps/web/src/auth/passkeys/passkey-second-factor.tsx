import { Button, forms, texts } from '../../ui/index.ts'
import { usePasskeySecondFactor } from './passkey-api.ts'
import { passkeyErrorMessage } from './passkey-errors.ts'

/** The second step of a password sign-in with one of the user's passkeys. */
export function PasskeySecondFactor() {
  const confirm = usePasskeySecondFactor()
  return (
    <>
      <p className={texts.muted}>Confirm with one of your passkeys.</p>
      <Button
        variant="primary"
        busy={confirm.isPending}
        onClick={() => {
          confirm.mutate()
        }}
      >
        Use my passkey
      </Button>
      {confirm.isError && (
        <p className={forms.formError} role="alert">
          {passkeyErrorMessage(confirm.error)}
        </p>
      )}
    </>
  )
}
