import type { SecondFactorProof } from '@harbormaster/contract'
import { CodeForm } from './code-form.tsx'

/** Six digits are a code; passwords are at least eight characters, so nothing else is one. */
const asProof = (value: string): SecondFactorProof =>
  /^\d{3}\s?\d{3}$/.test(value) ? { code: value } : { password: value }

/**
 * What a change to one's second factors asks first: a current authenticator code, or the
 * password (the authenticator lost, or passkeys only).
 */
export function ProofForm(props: {
  withCode: boolean
  submitLabel: string
  busy: boolean
  error: unknown
  onProof: (proof: SecondFactorProof) => void
  onCancel: () => void
}) {
  return (
    <CodeForm
      label={
        props.withCode ? 'A code from your authenticator app, or your password' : 'Your password'
      }
      submitLabel={props.submitLabel}
      kind="code-or-password"
      busy={props.busy}
      error={props.error}
      onSubmit={(value) => {
        props.onProof(asProof(value))
      }}
      onCancel={props.onCancel}
    />
  )
}
