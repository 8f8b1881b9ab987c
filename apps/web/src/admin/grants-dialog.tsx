import type { UserSummary } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { useHosts } from '../hosts/index.ts'
import { api, unwrap } from '../platform/api-client.ts'
import {
  Dialog,
  ErrorState,
  FormActions,
  forms,
  layout,
  Spinner,
  texts,
  useToast,
} from '../ui/index.ts'
import { grantRolesFor, type GrantRow, grantRowsOf, toHostGrants } from './grants-form.ts'
import { usersKey } from './users-key.ts'

/** Edits a user's per-host access: a narrower role, no access, or a label scope per host. */
export function GrantsDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const hosts = useHosts()
  return (
    <Dialog open wide title={`Host access of ${user.username}`} onClose={onClose}>
      {hosts.isPending ? (
        <Spinner />
      ) : hosts.isError ? (
        <ErrorState error={hosts.error} />
      ) : (
        <GrantsForm user={user} hostIds={hosts.data.map((h) => h.id)} onClose={onClose} />
      )}
    </Dialog>
  )
}

function GrantsForm({
  user,
  hostIds,
  onClose,
}: {
  user: UserSummary
  hostIds: string[]
  onClose: () => void
}) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [rows, setRows] = useState(() => grantRowsOf(user.hostGrants, hostIds))
  const { grants, errors } = toHostGrants(rows, user.role)
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.users[':id'].$patch({ param: { id: user.id }, json: { hostGrants: grants ?? [] } }),
      ),
    onSuccess: () => {
      toast({ tone: 'ok', title: `Host access of ${user.username} saved` })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
  const setRow = (hostId: string, change: Partial<GrantRow>) => {
    setRows((list) => list.map((r) => (r.hostId === hostId ? { ...r, ...change } : r)))
  }
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (grants) save.mutate()
  }
  return (
    <form className={forms.form} onSubmit={handleSubmit} noValidate>
      <p className={texts.muted}>
        A grant only narrows: where none is set, {user.username} is{' '}
        {user.role === 'admin' ? 'an' : 'a'} {user.role}. A label scope (<code>key</code> or{' '}
        <code>key=value</code>) limits them to the objects carrying that label.
      </p>
      <div className={texts.scrollX}>
        <table className={layout.simpleTable}>
          <thead>
            <tr>
              <th>Host</th>
              <th>Access</th>
              <th>Label scope</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <GrantRowInputs
                key={row.hostId}
                row={row}
                userRole={user.role}
                error={errors[row.hostId]}
                onChange={(change) => {
                  setRow(row.hostId, change)
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <FormActions
        error={save.error}
        submit="Save"
        busy={save.isPending}
        disabled={!grants}
        onCancel={onClose}
      />
    </form>
  )
}

function GrantRowInputs({
  row,
  userRole,
  error,
  onChange,
}: {
  row: GrantRow
  userRole: UserSummary['role']
  error: string | undefined
  onChange: (change: Partial<GrantRow>) => void
}) {
  return (
    <tr>
      <td>
        <code>{row.hostId}</code>
      </td>
      <td>
        <select
          aria-label={`Access to ${row.hostId}`}
          value={row.role}
          onChange={(e) => {
            onChange({ role: e.target.value as GrantRow['role'] })
          }}
        >
          <option value="default">their role ({userRole})</option>
          {grantRolesFor(userRole).map((r) => (
            <option key={r} value={r}>
              {r === 'none' ? 'no access' : r}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          aria-label={`Label scope on ${row.hostId}`}
          placeholder="optional, e.g. team=web"
          value={row.labelScope}
          disabled={row.role === 'none'}
          aria-invalid={error !== undefined}
          onChange={(e) => {
            onChange({ labelScope: e.target.value })
          }}
        />
        {error !== undefined && <small className={forms.fieldError}>{error}</small>}
      </td>
    </tr>
  )
}
