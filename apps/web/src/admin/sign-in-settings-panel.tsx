import type { AuthSettings, UserRole } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { useState, type SubmitEvent } from 'react'
import { useSignInOptions } from '../auth/index.ts'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { Button, ErrorState, forms, layout, Spinner, texts, useToast } from '../ui/index.ts'

const settingsKey = ['auth', 'settings'] as const
const ROLES: readonly UserRole[] = ['admin', 'operator', 'viewer']

/** Server-wide sign-in rules: who may use a password, which roles need a second factor. */
export function SignInSettingsPanel() {
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.auth.settings.$get()),
  })
  if (settings.isPending) return <Spinner label="Loading sign-in settings…" />
  if (settings.isError) return <ErrorState error={settings.error} />
  return <SignInSettingsForm initial={settings.data} />
}

function SignInSettingsForm({ initial }: { initial: AuthSettings }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [form, setForm] = useState(initial)
  // Without single sign-on, password sign-in is the only way in for everyone but admins.
  const options = useSignInOptions()
  const noSingleSignOn = options.data?.oidc === null
  const save = useMutation({
    mutationFn: (json: AuthSettings) => unwrap(api.auth.settings.$put({ json })),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved)
      toast({ tone: 'ok', title: 'Sign-in settings saved' })
    },
  })
  const toggleRole = (role: UserRole, on: boolean) => {
    const roles = form.secondFactorRoles.filter((r) => r !== role)
    setForm({ ...form, secondFactorRoles: on ? [...roles, role] : roles })
  }
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    save.mutate(form)
  }
  return (
    <form className={clsx(layout.card, forms.form)} onSubmit={handleSubmit}>
      <h2>Sign-in</h2>
      <fieldset className={forms.plainFieldset}>
        <legend>Password sign-in</legend>
        {(['everyone', 'admins'] as const).map((value) => (
          <label key={value} className={layout.check}>
            <input
              type="radio"
              name="password-sign-in"
              checked={form.passwordSignIn === value}
              disabled={value === 'admins' && noSingleSignOn && form.passwordSignIn !== value}
              onChange={() => {
                setForm({ ...form, passwordSignIn: value })
              }}
            />
            {value === 'everyone'
              ? 'Everyone may sign in with a password'
              : 'Only admins (break-glass accounts); everyone else uses single sign-on'}
          </label>
        ))}
        {noSingleSignOn && (
          <p className={texts.muted}>
            Single sign-on is not configured (HARBORMASTER_OIDC_*), so everyone signs in with a
            password.
          </p>
        )}
      </fieldset>
      <fieldset className={forms.plainFieldset}>
        <legend>Roles that must use a second factor</legend>
        <p className={texts.muted}>
          Members without one are sent to set it up right after signing in with a password.
        </p>
        {ROLES.map((role) => (
          <label key={role} className={layout.check}>
            <input
              type="checkbox"
              checked={form.secondFactorRoles.includes(role)}
              onChange={(e) => {
                toggleRole(role, e.target.checked)
              }}
            />
            {role}
          </label>
        ))}
      </fieldset>
      {save.isError && (
        <p className={forms.formError} role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <Button type="submit" variant="primary" busy={save.isPending}>
        Save
      </Button>
    </form>
  )
}
