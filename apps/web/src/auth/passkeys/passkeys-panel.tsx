import type { PasskeySummary } from '@harbormaster/contract'
import { browserSupportsWebAuthn } from '@simplewebauthn/browser'
import { useState, type SubmitEvent } from 'react'
import { Button, ErrorState, forms, layout, Spinner, texts, useToast } from '../../ui/index.ts'
import { useSecondFactors } from '../queries.ts'
import { useAddPasskey } from './passkey-api.ts'
import { passkeyErrorMessage } from './passkey-errors.ts'
import { PasskeyTable } from './passkey-table.tsx'

/**
 * The user's passkeys (account page, enrolment page): add one under a name, see when each was
 * made and last used and whether its provider syncs it, rename, remove.
 */
export function PasskeysPanel() {
  const status = useSecondFactors()
  return (
    <section aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">Passkeys</h3>
      <p className={texts.muted}>
        A passkey signs you in without a password, or confirms a password sign-in. Your device or
        password manager keeps it; this dashboard keeps only its public key.
      </p>
      {browserSupportsWebAuthn() ? (
        <AddPasskeyForm />
      ) : (
        <p className={texts.muted}>This browser cannot use passkeys here.</p>
      )}
      {status.isPending && <Spinner />}
      {status.isError && <ErrorState error={status.error} />}
      {status.isSuccess && <PasskeyTable passkeys={status.data.passkeys} />}
    </section>
  )
}

function AddPasskeyForm() {
  const add = useAddPasskey()
  const toast = useToast()
  const [name, setName] = useState('')
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    add.mutate(name, {
      onSuccess: ({ passkey }: { passkey: PasskeySummary }) => {
        setName('')
        toast({ tone: 'ok', title: `Passkey ${passkey.name} added` })
      },
    })
  }
  return (
    <>
      <form className={layout.inlineForm} onSubmit={handleSubmit}>
        <input
          aria-label="Passkey name"
          placeholder="name, e.g. Work laptop (optional)"
          maxLength={64}
          value={name}
          onChange={(e) => {
            setName(e.target.value)
          }}
        />
        <Button type="submit" busy={add.isPending}>
          Add a passkey
        </Button>
      </form>
      {add.isError && (
        <p className={forms.formError} role="alert">
          {passkeyErrorMessage(add.error)}
        </p>
      )}
    </>
  )
}
