import { clsx } from 'clsx'
import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { Button, forms, layout, useToast } from '../ui/index.ts'
import { passwordProblems } from './new-password.ts'
import { PasswordField } from './password-field.tsx'
import { useChangePassword, useMe } from './queries.ts'
import { SecondFactorsPanel } from './second-factor/second-factors-panel.tsx'
import { SignInSessionsPanel } from './sessions/sign-in-sessions-panel.tsx'
import { TokensPanel } from './tokens-panel.tsx'
import { MySessionsPanel } from '../history/sessions/index.ts'

/** The signed-in user's account: role, password, second factors, sessions and API tokens. */
export function AccountPage() {
  const me = useMe()
  return (
    <section className={clsx(layout.page, layout.narrow)}>
      <h1>Account</h1>
      <p>
        Signed in as <strong>{me.data?.username}</strong>, role <strong>{me.data?.role}</strong>.
      </p>
      <PasswordForm />
      <SecondFactorsPanel />
      <SignInSessionsPanel />
      <TokensPanel />
      <MySessionsPanel />
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
  const { password: newProblem, repeat: repeatProblem } = passwordProblems(newPassword, repeat)

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
    <form className={clsx(layout.card, forms.form)} onSubmit={handleSubmit} noValidate>
      <h2>Change password</h2>
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrent}
        problem={touched && currentPassword === '' ? 'Enter your current password' : undefined}
      />
      <PasswordField
        label="New password"
        value={newPassword}
        onChange={setNew}
        problem={touched ? newProblem : undefined}
      />
      <PasswordField
        label="Repeat new password"
        value={repeat}
        onChange={setRepeat}
        problem={touched ? repeatProblem : undefined}
      />
      {change.isError && (
        <p className={forms.formError} role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      <Button type="submit" variant="primary" busy={change.isPending}>
        Change password
      </Button>
    </form>
  )
}
