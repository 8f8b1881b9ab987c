import {
  passwordSchema,
  usernameSchema,
  type UserRole,
  type UserSummary,
} from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type SubmitEvent } from 'react'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { Badge, Button, ErrorState, Spinner, TimeAgo, useConfirm, useToast } from '../ui/index.ts'
import { GrantsDialog } from './grants-dialog.tsx'
import { describeGrant } from './grants-form.ts'
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
      <div className="scroll-x">
        <table className="simple-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Host access</th>
              <th>Status</th>
              <th className="hide-phone">Created</th>
              <th>
                <span className="sr-only">Actions</span>
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

function useUserActions() {
  const queryClient = useQueryClient()
  const toast = useToast()
  const confirm = useConfirm()
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey })
  const onError = (err: unknown) => {
    toast({ tone: 'bad', title: 'The change failed', body: errorMessage(err) })
  }
  const update = useMutation({
    mutationFn: ({ id, ...json }: { id: string; role?: UserRole; disabled?: boolean }) =>
      unwrap(api.users[':id'].$patch({ param: { id }, json })),
    onSettled: refresh,
    onError,
  })
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.users[':id'].$delete({ param: { id } })),
    onSettled: refresh,
    onError,
  })
  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      unwrap(api.users[':id'].password.$post({ param: { id }, json: { password } })),
    onError,
    onSuccess: () => {
      toast({ tone: 'ok', title: 'Password reset' })
    },
  })
  return {
    setRole: (u: UserSummary, role: UserRole) => {
      update.mutate({ id: u.id, role })
    },
    toggleDisabled: (u: UserSummary) => {
      update.mutate({ id: u.id, disabled: !u.disabled })
    },
    resetPassword: (u: UserSummary) => {
      const password = window.prompt(`New password for ${u.username} (at least 8 characters)`)
      if (password === null) return
      if (!passwordSchema.safeParse(password).success) {
        toast({ tone: 'bad', title: 'At least 8 characters' })
        return
      }
      reset.mutate({ id: u.id, password })
    },
    remove: async (u: UserSummary) => {
      const ok = await confirm({
        title: `Delete ${u.username}?`,
        body: (
          <p>
            The user <strong>{u.username}</strong> and their sessions and tokens are deleted.
          </p>
        ),
        confirmLabel: 'Delete',
        danger: true,
      })
      if (ok) remove.mutate(u.id)
    },
  }
}

function UserRow({
  user: u,
  actions,
}: {
  user: UserSummary
  actions: ReturnType<typeof useUserActions>
}) {
  return (
    <tr>
      <td>{u.username}</td>
      <td>
        <select
          aria-label={`Role of ${u.username}`}
          value={u.role}
          onChange={(e) => {
            actions.setRole(u, e.target.value as UserRole)
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
      <td>{u.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
      <td className="hide-phone">
        <TimeAgo value={u.createdAt} />
      </td>
      <td>
        <div className="actions">
          <Button
            variant="ghost"
            onClick={() => {
              actions.toggleDisabled(u)
            }}
          >
            {u.disabled ? 'Enable' : 'Disable'}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              actions.resetPassword(u)
            }}
          >
            Reset password
          </Button>
          <Button variant="danger" onClick={() => void actions.remove(u)}>
            Delete
          </Button>
        </div>
      </td>
    </tr>
  )
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<UserRole>('viewer')
  const create = useMutation({
    mutationFn: () => unwrap(api.users.$post({ json: { username, password, role } })),
    onSuccess: () => {
      setUsername('')
      setPassword('')
      onCreated()
    },
  })
  const problem =
    username !== '' && !usernameSchema.safeParse(username).success
      ? 'Invalid username'
      : password !== '' && !passwordSchema.safeParse(password).success
        ? 'Password: at least 8 characters'
        : undefined
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (problem === undefined && username !== '' && password !== '') create.mutate()
  }
  return (
    <form className="inline-form card" onSubmit={handleSubmit}>
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
      {problem !== undefined && <small className="field-error">{problem}</small>}
      {create.isError && <small className="field-error">{errorMessage(create.error)}</small>}
    </form>
  )
}

/** The user's per-host grants in a few words, and the editor for them. */
function HostAccessCell({ user: u }: { user: UserSummary }) {
  const [editingAccess, setEditingAccess] = useState(false)
  return (
    <td>
      <div className="actions">
        {u.hostGrants.length === 0 ? (
          <span className="muted">every host</span>
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
