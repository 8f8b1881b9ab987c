import type { SignInSession } from '@harbormaster/contract'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, errorMessage, unwrap } from '../../platform/api-client.ts'
import { useToast } from '../../ui/index.ts'
import { signedOut } from '../queries.ts'

export const ownSessionsKey = ['auth', 'sessions'] as const
export const userSessionsKey = (userId: string) => ['admin', 'users', userId, 'sessions'] as const

/** The signed-in user's sessions, this one marked `current`. */
export function useOwnSessions() {
  return useQuery({ queryKey: ownSessionsKey, queryFn: () => unwrap(api.auth.sessions.$get()) })
}

/** A user's sessions, for an admin. */
export function useUserSessions(userId: string) {
  return useQuery({
    queryKey: userSessionsKey(userId),
    queryFn: () => unwrap(api.users[':id'].sessions.$get({ param: { id: userId } })),
  })
}

/**
 * Ends one session, the caller's own (`userId` undefined) or a user's (an admin). Ending the
 * session this browser is using signs it out: the app shows the sign-in page.
 */
export function useEndSession(userId?: string) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const key = userId === undefined ? ownSessionsKey : userSessionsKey(userId)
  return useMutation({
    mutationFn: (session: SignInSession) =>
      unwrap(
        userId === undefined
          ? api.auth.sessions[':id'].$delete({ param: { id: session.id } })
          : api.users[':id'].sessions[':sessionId'].$delete({
              param: { id: userId, sessionId: session.id },
            }),
      ),
    onSuccess: (_, session) => {
      if (session.current) {
        signedOut(queryClient)
        return
      }
      toast({ tone: 'ok', title: `Session on ${session.device} ended` })
    },
    onError: (err, session) => {
      toast({
        tone: 'bad',
        title: `Could not end the session on ${session.device}`,
        body: errorMessage(err),
      })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  })
}

/** "Sign out everywhere else": every session of the caller but this one. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient()
  const toast = useToast()
  return useMutation({
    mutationFn: () => unwrap(api.auth.sessions['revoke-others'].$post()),
    onSuccess: ({ ended }) => {
      toast({ tone: 'ok', title: `Signed out of ${plural(ended)} elsewhere` })
    },
    onError: (err) => {
      toast({ tone: 'bad', title: 'Could not sign out elsewhere', body: errorMessage(err) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownSessionsKey }),
  })
}

/** An admin ends every session of a user (an SSO user's role mapping then applies at once). */
export function useEndAllSessions(user: { id: string; username: string }, isSelf: boolean) {
  const queryClient = useQueryClient()
  const toast = useToast()
  return useMutation({
    mutationFn: () => unwrap(api.users[':id'].sessions.$delete({ param: { id: user.id } })),
    onSuccess: ({ ended }) => {
      // An admin ending their own sessions ended this one as well.
      if (isSelf) {
        signedOut(queryClient)
        return
      }
      toast({ tone: 'ok', title: `${plural(ended)} of ${user.username} ended` })
    },
    onError: (err) => {
      toast({ tone: 'bad', title: 'Could not end the sessions', body: errorMessage(err) })
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userSessionsKey(user.id) }),
  })
}

const plural = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`
