import type {
  AuthUser,
  ChangePasswordRequest,
  LoginRequest,
  SetupRequest,
} from '@harbormaster/contract'
import { logoutResponseSchema } from '@harbormaster/contract'
import {
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { meKey } from '../app/query-client.ts'
import { api, unwrap } from '../platform/api-client.ts'

/**
 * The signed-in user, or null when there is no session. Asked of the session probe, which answers
 * 200 either way: a 401 from /me would show as a failed request in the console of every
 * signed-out visitor.
 */
export const meOptions = queryOptions({
  queryKey: meKey,
  queryFn: async (): Promise<AuthUser | null> => (await unwrap(api.auth.session.$get())).user,
  staleTime: Number.POSITIVE_INFINITY,
})

export function useMe() {
  return useQuery(meOptions)
}

export function useSetupStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['auth', 'setup'],
    queryFn: () => unwrap(api.auth.setup.$get()),
    enabled,
  })
}

/** A password sign-in: signed in at once, or a second factor is owed (the answer says which). */
export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LoginRequest) => unwrap(api.auth.login.$post({ json: body })),
    onSuccess: ({ user }) => {
      if (user !== null) signedIn(queryClient, user)
    },
  })
}

/**
 * A sign-in finished (password, second factor, passkey): the app renders for this user, with
 * nothing cached from whoever used the tab before.
 */
export function signedIn(queryClient: QueryClient, user: AuthUser) {
  forgetEverythingBut(queryClient)
  queryClient.setQueryData(meKey, user)
}

/** What the sign-in page offers (password for whom, single sign-on). */
export function useSignInOptions() {
  return useQuery({
    queryKey: ['auth', 'sign-in-options'],
    queryFn: () => unwrap(api.auth['sign-in-options'].$get()),
  })
}

export const secondFactorsKey = ['auth', 'second-factors'] as const

/** The signed-in user's second factors and whether their role requires one. */
export function useSecondFactors() {
  return useQuery({
    queryKey: secondFactorsKey,
    queryFn: () => unwrap(api.auth['second-factors'].$get()),
  })
}

export function useSetup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SetupRequest) => unwrap(api.auth.setup.$post({ json: body })),
    onSuccess: ({ user }) => {
      signedIn(queryClient, user)
    },
  })
}

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.auth.logout.$post()),
    onSuccess: (answer) => {
      // After single sign-on: on to the provider, to end its session as well.
      const next = logoutResponseSchema.safeParse(answer)
      if (next.success) window.location.assign(next.data.endSessionUrl)
    },
    onSettled: () => {
      signedOut(queryClient)
    },
  })
}

/** This browser's session ended (sign-out, or the user ended it in the sessions list). */
export function signedOut(queryClient: QueryClient) {
  forgetEverythingBut(queryClient)
  queryClient.setQueryData(meKey, null)
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => unwrap(api.auth.password.$post({ json: body })),
  })
}

/**
 * Another user may sign in next in this tab: drop every cached answer but the signed-in user's
 * query itself (its observer stays subscribed to that query, so it must not be removed).
 */
function forgetEverythingBut(queryClient: QueryClient) {
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== 'auth' || query.queryKey[1] !== 'me',
  })
}
