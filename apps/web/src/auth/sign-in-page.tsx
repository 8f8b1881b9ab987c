import { usernameSchema } from '@harbormaster/contract'
import { clsx } from 'clsx'
import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { Button, forms, layout, texts } from '../ui/index.ts'
import { passwordProblems } from './new-password.ts'
import { SingleSignOnButton } from './oidc/single-sign-on-button.tsx'
import { PasskeySignInButton } from './passkeys/passkey-sign-in-button.tsx'
import { PasswordField } from './password-field.tsx'
import { useLogin, useSetup } from './queries.ts'
import { SecondFactorStep } from './second-factor/second-factor-step.tsx'
import { SetupCodeField } from './setup-code-field.tsx'
import styles from './sign-in-page.module.css'

/** Sign-in, or on first run the creation of the first admin (with the setup code). */
export function SignInPage({ firstRun }: { firstRun: boolean }) {
  const login = useLogin()
  const setup = useSetup()
  const mutation = firstRun ? setup : login
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [setupCode, setSetupCode] = useState('')
  const [touched, setTouched] = useState(false)

  const problems = firstRun ? setupProblems(username, password, repeat, setupCode) : {}
  const secondFactor = login.data?.user === null ? login.data.secondFactor : undefined
  if (secondFactor !== undefined) {
    return (
      <SecondFactorStep
        methods={secondFactor.methods}
        onCancel={() => {
          login.reset()
          setPassword('')
        }}
      />
    )
  }
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (Object.keys(problems).length > 0) return
    if (firstRun) setup.mutate({ username, password, setupCode })
    else login.mutate({ username, password })
  }
  return (
    <main className={styles.page}>
      <form className={clsx(layout.card, styles.card)} onSubmit={handleSubmit} noValidate>
        <h1 className={texts.brand}>Harbormaster</h1>
        <p className={texts.muted}>
          {firstRun
            ? 'Create the first administrator to finish setting up.'
            : 'Sign in to continue.'}
        </p>
        {firstRun && (
          <SetupCodeField
            value={setupCode}
            onChange={setSetupCode}
            problem={touched ? problems.setupCode : undefined}
          />
        )}
        <UsernameField
          value={username}
          onChange={setUsername}
          autoFocus={!firstRun}
          problem={touched ? problems.username : undefined}
        />
        <PasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          problem={touched ? problems.password : undefined}
          autoComplete={firstRun ? 'new-password' : 'current-password'}
        />
        {firstRun && (
          <PasswordField
            label="Repeat password"
            value={repeat}
            onChange={setRepeat}
            problem={touched ? problems.repeat : undefined}
          />
        )}
        {mutation.isError && (
          <p className={forms.formError} role="alert">
            {errorMessage(mutation.error)}
          </p>
        )}
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {firstRun ? 'Create administrator' : 'Sign in'}
        </Button>
        {!firstRun && <PasskeySignInButton />}
        {!firstRun && <SingleSignOnButton />}
      </form>
    </main>
  )
}

function UsernameField(props: {
  value: string
  onChange: (value: string) => void
  autoFocus: boolean
  problem: string | undefined
}) {
  return (
    <label className={forms.field}>
      <span>Username</span>
      <input
        autoComplete="username webauthn"
        autoFocus={props.autoFocus}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value)
        }}
        aria-invalid={props.problem !== undefined}
      />
      {props.problem !== undefined && <small className={forms.fieldError}>{props.problem}</small>}
    </label>
  )
}

function setupProblems(username: string, password: string, repeat: string, setupCode: string) {
  const problems: { username?: string; password?: string; repeat?: string; setupCode?: string } = {
    ...passwordProblems(password, repeat),
  }
  const user = usernameSchema.safeParse(username)
  if (!user.success) problems.username = user.error.issues[0]?.message ?? 'Invalid username'
  if (setupCode.trim() === '') problems.setupCode = 'Enter the setup code from the server log'
  return problems
}
