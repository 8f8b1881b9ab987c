import type { UserSummary } from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, errorMessage, unwrap } from '../platform/api-client.ts'
import { useConfirm, useToast } from '../ui/index.ts'
import { usersKey } from './users-key.ts'

/**
 * An admin's reset of a user's second factors (they lost their authenticator and passkeys):
 * confirmed first, as it lowers how the user signs in, and audited by the server.
 */
export function useResetSecondFactors() {
  const queryClient = useQueryClient()
  const toast = useToast()
  const confirm = useConfirm()
  const reset = useMutation({
    mutationFn: (user: UserSummary) =>
      unwrap(api.users[':id']['second-factors'].$delete({ param: { id: user.id } })),
    onSuccess: (_, user) => {
      toast({ tone: 'ok', title: `Second factors of ${user.username} removed` })
    },
    onError: (err) => {
      toast({ tone: 'bad', title: 'The reset failed', body: errorMessage(err) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
  return async (u: UserSummary) => {
    const ok = await confirm({
      title: `Reset the second factors of ${u.username}?`,
      body: (
        <p>
          Their authenticator app, passkeys and recovery codes are removed.{' '}
          <strong>{u.username}</strong> then signs in with their password alone and sets up a second
          factor again (at once, if their role requires one).
        </p>
      ),
      confirmLabel: 'Reset second factors',
      danger: true,
    })
    if (ok) reset.mutate(u)
  }
}
