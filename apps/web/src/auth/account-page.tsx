import { passwordSchema } from '@harbormaster/contract'
import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { Button, useToast } from '../ui/index.ts'
import { useChangePassword, useMe } from './queries.ts'
import { TokensPanel } from './tokens-panel.tsx'

/** The signed-in user's account: role, password change and API tokens. */
export function AccountPage() {
  const me = useMe()
  return (
    <section className="page narrow">
      <h1>Account</h1>
      <p>
        Signed in as <strong>{me.data?.username}</strong>, role <strong>{me.data?.role}</strong>.
      </p>
      <PasswordForm />
      <TokensPanel />
    </section>
  )
}

function PasswordForm() {
  const change = useChangePassword()
  const toast = useToast()
  const [currentPassword, setCurrent] = useState('')
  const [newPassword, setNew] = useState('')
  const [repeat, setRepeat] = useState('')
  const [touched, setTouched] = useState(false)
  const newProblem = passwordSchema.safeParse(newPassword).success
    ? undefined
    : 'At least 8 characters'
  const repeatProblem = repeat === newPassword ? undefined : 'The passwords differ'

  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (newProblem !== undefined || repeatProblem !== undefined || currentPassword === '') return
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          toast({
            tone: 'ok',
            title: 'Password changed',
            body: 'Your other sessions were signed out.',
          })
          setCurrent('')
          setNew('')
          setRepeat('')
          setTouched(false)
        },
      },
    )
  }
  return (
    <form className="card form" onSubmit={handleSubmit} noValidate>
      <h2>Change password</h2>
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrent}
        error={touched && currentPassword === '' ? 'Enter your current password' : undefined}
      />
      <PasswordField
        label="New password"
        value={newPassword}
        onChange={setNew}
        error={touched ? newProblem : undefined}
      />
      <PasswordField
        label="Repeat new password"
        value={repeat}
        onChange={setRepeat}
        error={touched ? repeatProblem : undefined}
      />
      {change.isError && (
        <p className="form-error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      <Button type="submit" variant="primary" busy={change.isPending}>
        Change password
      </Button>
    </form>
  )
}

function PasswordField({
  label,
  value,
  onChange,
  error,
  autoComplete = 'new-password',
}: {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  autoComplete?: string
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="password"
        autoComplete={autoComplete}
        value={value}
        aria-invalid={error !== undefined}
        onChange={(e) => {
          onChange(e.target.value)
        }}
      />
      {error !== undefined && <small className="field-error">{error}</small>}
    </label>
  )
}
