import { usernameSchema } from '@harbormaster/contract'
import { useState, type SubmitEvent } from 'react'
import { errorMessage } from '../platform/api-client.ts'
import { Button } from '../ui/index.ts'
import { passwordProblems } from './new-password.ts'
import { useLogin, useSetup } from './queries.ts'

/** Sign-in, or on first run the creation of the first admin. */
export function SignInPage({ firstRun }: { firstRun: boolean }) {
  const login = useLogin()
  const setup = useSetup()
  const mutation = firstRun ? setup : login
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [touched, setTouched] = useState(false)

  const problems = firstRun ? setupProblems(username, password, repeat) : {}
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (Object.keys(problems).length > 0) return
    mutation.mutate({ username, password })
  }
  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={handleSubmit} noValidate>
        <h1 className="brand">Harbormaster</h1>
        <p className="muted">
          {firstRun
            ? 'Create the first administrator to finish setting up.'
            : 'Sign in to continue.'}
        </p>
        <label className="field">
          <span>Username</span>
          <input
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => {
              setUsername(e.target.value)
            }}
            aria-invalid={touched && problems.username !== undefined}
          />
          {touched && problems.username && (
            <small className="field-error">{problems.username}</small>
          )}
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete={firstRun ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value)
            }}
            aria-invalid={touched && problems.password !== undefined}
          />
          {touched && problems.password && (
            <small className="field-error">{problems.password}</small>
          )}
        </label>
        {firstRun && (
          <label className="field">
            <span>Repeat password</span>
            <input
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => {
                setRepeat(e.target.value)
              }}
            />
            {touched && problems.repeat && <small className="field-error">{problems.repeat}</small>}
          </label>
        )}
        {mutation.isError && (
          <p className="form-error" role="alert">
            {errorMessage(mutation.error)}
          </p>
        )}
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {firstRun ? 'Create administrator' : 'Sign in'}
        </Button>
      </form>
    </main>
  )
}

function setupProblems(username: string, password: string, repeat: string) {
  const problems: { username?: string; password?: string; repeat?: string } = {
    ...passwordProblems(password, repeat),
  }
  const user = usernameSchema.safeParse(username)
  if (!user.success) problems.username = user.error.issues[0]?.message ?? 'Invalid username'
  return problems
}
