import { dialogActions } from './dialog.tsx'
import { errorMessage } from '../platform/api-client.ts'
import { Button } from './button.tsx'
import forms from './form.module.css'

/**
 * The end of a dialog's form: the server's refusal as it gave it (when there is one), then
 * Cancel and the submit button, busy while the request runs.
 */
export function FormActions({
  error,
  submit,
  busy,
  disabled,
  onCancel,
}: {
  /** The mutation's error; null or undefined when there is none. */
  error: unknown
  submit: string
  busy: boolean
  disabled?: boolean
  onCancel: () => void
}) {
  return (
    <>
      {error != null && (
        <p className={forms.formError} role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className={dialogActions}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={disabled}>
          {submit}
        </Button>
      </div>
    </>
  )
}
