import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import { Button, forms } from '../../ui/index.ts'

interface CodeFormProps {
  label: string
  submitLabel: string
  /** Authenticator codes: the numeric keypad and the browser's one-time-code autofill. */
  kind: 'totp' | 'recovery' | 'code-or-password'
  busy: boolean
  error: unknown
  onSubmit: (value: string) => void
  onCancel?: () => void
}

const INPUTS = {
  totp: { inputMode: 'numeric', autoComplete: 'one-time-code', type: 'text' },
  recovery: { inputMode: 'text', autoComplete: 'off', type: 'text' },
  'code-or-password': { inputMode: 'text', autoComplete: 'current-password', type: 'password' },
} as const

/** One field, one button: a code typed at sign-in, at enrolment or before a change. */
export function CodeForm(props: CodeFormProps) {
  const [value, setValue] = useState('')
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    if (value.trim() !== '') props.onSubmit(value.trim())
  }
  return (
    <form className={forms.form} onSubmit={handleSubmit} noValidate>
      <label className={forms.field}>
        <span>{props.label}</span>
        <input
          {...INPUTS[props.kind]}
          autoFocus
          spellCheck={false}
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
          }}
        />
      </label>
      {props.error !== null && (
        <p className={forms.formError} role="alert">
          {errorMessage(props.error)}
        </p>
      )}
      <Button type="submit" variant="primary" busy={props.busy}>
        {props.submitLabel}
      </Button>
      {props.onCancel && (
        <Button variant="ghost" onClick={props.onCancel}>
          Cancel
        </Button>
      )}
    </form>
  )
}
