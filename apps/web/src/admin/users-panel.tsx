import { usernameSchema, type UserRole, type UserSummary } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { useState, type SubmitEvent } from 'react'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { passwordProblems, UserSessionsButton } from '../auth/index.ts'
import {
  Badge,
  Button,
  ErrorState,
  forms,
  layout,
  Spinner,
  texts,
  TimeAgo,
  useToast,
} from '../ui/index.ts'
import { GrantsDialog } from './grants-dialog.tsx'
import { describeGrant } from './grants-form.ts'
import { ResetPasswordDialog } from './reset-password-dialog.tsx'
import { useResetSecondFactors } from './use-reset-second-factors.tsx'
import { type UserActions, useUserActions } from './use-user-actions.tsx'
import { usersKey } from './users-key.ts'

const ROLES: UserRole[] = ['viewer', 'operator', 'admin']

/** Users: create, change role and per-host access, disable, reset password, delete. */
export function UsersPanel() {
  const queryClient = useQueryClient()
  const users = useQuery({ queryKey: usersKey, queryFn: () => unwrap(api.users.$get()) })
  const actions = useUserActions()
  if (users.isPending) return <Spinner />
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />
  return (
    <div>
      <CreateUserForm
        onCreated={() => void queryClient.invalidateQueries({ queryKey: usersKey })}
      />
      <div className={texts.scrollX}>
        <table className={layout.simpleTable}>
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Host access</th>
              <th>Two-step</th>
              <th>Status</th>
              <th className={texts.hidePhone}>Created</th>
              <th>
                <span className={texts.srOnly}>Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u) => (
              <UserRow key={u.id} user={u} actions={actions} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

function UserRow({ user: u, actions }: { user: UserSummary; actions: UserActions }) {
  const [resetting, setResetting] = useState(false)
  const resetSecondFactors = useResetSecondFactors()
  return (
    <tr>
      <td>
        {u.username}{' '}
        {u.singleSignOn === true && (
          <span title="Signs in with single sign-on: no password here">
            <Badge tone="info">SSO</Badge>
          </span>
        )}
      </td>
      <td>
        <select
          aria-label={`Role of ${u.username}`}
          value={u.role}
          onChange={(e) => {
            void actions.setRole(u, e.target.value as UserRole)
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <HostAccessCell user={u} />
      <SecondFactorsCell user={u} />
      <td>{u.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
      <td className={texts.hidePhone}>
        <TimeAgo value={u.createdAt} />
      </td>
      <td>
        <div className={layout.actions}>
          <Button
            variant="ghost"
            onClick={() => {
              void actions.toggleDisabled(u)
            }}
          >
            {u.disabled ? 'Enable' : 'Disable'}
          </Button>
          {u.singleSignOn !== true && (
            <Button
              variant="ghost"
              onClick={() => {
                setResetting(true)
              }}
            >
              Reset password
            </Button>
          )}
          <UserSessionsButton user={u} />
          {(u.secondFactors ?? []).length > 0 && (
            <Button variant="ghost" onClick={() => void resetSecondFactors(u)}>
              Reset second factors
            </Button>
          )}
          <Button variant="danger" onClick={() => void actions.remove(u)}>
            Delete
          </Button>
        </div>
        {resetting && (
          <ResetPasswordDialog
            user={u}
            onClose={() => {
              setResetting(false)
            }}
          />
        )}
      </td>
    </tr>
  )
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const toast = useToast()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<UserRole>('viewer')
  const create = useMutation({
    mutationFn: () => unwrap(api.users.$post({ json: { username, password, role } })),
    onSuccess: (created) => {
      toast({ tone: 'ok', title: `User ${created.user.username} added` })
      setUsername('')
      setPassword('')
      onCreated()
    },
  })
  const problem =
    username !== '' && !usernameSchema.safeParse(username).success
      ? 'Invalid username'
      : password === ''
        ? undefined
        : passwordProblems(password, password).password
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (problem === undefined && username !== '' && password !== '') create.mutate()
  }
  return (
    <form className={clsx(layout.inlineForm, layout.card)} onSubmit={handleSubmit}>
      <input
        aria-label="Username"
        placeholder="username"
        value={username}
        onChange={(e) => {
          setUsername(e.target.value)
        }}
      />
      <input
        aria-label="Password"
        type="password"
        autoComplete="new-password"
        placeholder="password"
        value={password}
        onChange={(e) => {
          setPassword(e.target.value)
        }}
      />
      <select
        aria-label="Role"
        value={role}
        onChange={(e) => {
          setRole(e.target.value as UserRole)
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <Button type="submit" variant="primary" busy={create.isPending}>
        Add user
      </Button>
      {problem !== undefined && <small className={forms.fieldError}>{problem}</small>}
      {create.isError && <small className={forms.fieldError}>{errorMessage(create.error)}</small>}
    </form>
  )
}

/** The user's per-host grants in a few words, and the editor for them. */
function HostAccessCell({ user: u }: { user: UserSummary }) {
  const [editingAccess, setEditingAccess] = useState(false)
  return (
    <td>
      <div className={layout.actions}>
        {u.hostGrants.length === 0 ? (
          <span className={texts.muted}>every host</span>
        ) : (
          u.hostGrants.map((g) => (
            <Badge key={g.hostId} tone={g.role === 'none' ? 'muted' : 'info'}>
              {describeGrant(g)}
            </Badge>
          ))
        )}
        <Button
          variant="ghost"
          aria-label={`Edit host access of ${u.username}`}
          onClick={() => {
            setEditingAccess(true)
          }}
        >
          Edit
        </Button>
      </div>
      {editingAccess && (
        <GrantsDialog
          user={u}
          onClose={() => {
            setEditingAccess(false)
          }}
        />
      )}
    </td>
  )
}

const FACTOR_NAMES = { totp: 'authenticator', passkey: 'passkey', recovery: 'recovery codes' }

/** The user's second factors, from the users list (recovery codes only beside another one). */
function SecondFactorsCell({ user: u }: { user: UserSummary }) {
  const factors = u.secondFactors ?? []
  return (
    <td>
      {factors.length === 0 ? (
        <span className={texts.muted}>password only</span>
      ) : (
        <div className={layout.badges}>
          {factors.map((factor) => (
            <Badge key={factor} tone="info">
              {FACTOR_NAMES[factor]}
            </Badge>
          ))}
        </div>
      )}
    </td>
  )
}
