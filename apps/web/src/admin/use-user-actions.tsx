import type { UserRole, UserSummary } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { useConfirm, useToast } from '../ui/index.ts'
import { usersKey } from './users-key.ts'

type UserChange = { role: UserRole } | { disabled: boolean }

const withArticle = (role: UserRole) =>
  `${role === 'admin' || role === 'operator' ? 'an' : 'a'} ${role}`

/**
 * Role, status and delete for the user table. Each change signs the user out everywhere, so each
 * is confirmed (enabling excepted: it takes nothing away) and its outcome toasted.
 */
export function useUserActions() {
  const queryClient = useQueryClient()
  const toast = useToast()
  const confirm = useConfirm()
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey })
  const onError = (err: unknown) => {
    toast({ tone: 'bad', title: 'The change failed', body: errorMessage(err) })
  }
  const update = useMutation({
    mutationFn: ({ user, change }: { user: UserSummary; change: UserChange }) =>
      unwrap(api.users[':id'].$patch({ param: { id: user.id }, json: change })),
    onSettled: refresh,
    onError,
  })
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.users[':id'].$delete({ param: { id } })),
    onSettled: refresh,
    onError,
  })
  const change = (user: UserSummary, next: UserChange, done: string) => {
    update.mutate(
      { user, change: next },
      {
        onSuccess: () => {
          toast({ tone: 'ok', title: done })
        },
      },
    )
  }
  return {
    setRole: async (u: UserSummary, role: UserRole) => {
      const ok = await confirm({
        title: `Make ${u.username} ${withArticle(role)}?`,
        body: (
          <p>
            <strong>{u.username}</strong> goes from {u.role} to {role} and is signed out of every
            session.
          </p>
        ),
        confirmLabel: 'Change role',
      })
      if (ok) change(u, { role }, `${u.username} is now ${withArticle(role)}`)
    },
    toggleDisabled: async (u: UserSummary) => {
      if (u.disabled) {
        change(u, { disabled: false }, `${u.username} enabled`)
        return
      }
      const ok = await confirm({
        title: `Disable ${u.username}?`,
        body: (
          <p>
            <strong>{u.username}</strong> is signed out, and neither they nor their API tokens are
            let in until enabled again.
          </p>
        ),
        confirmLabel: 'Disable',
        danger: true,
      })
      if (ok) change(u, { disabled: true }, `${u.username} disabled`)
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

export type UserActions = ReturnType<typeof useUserActions>
