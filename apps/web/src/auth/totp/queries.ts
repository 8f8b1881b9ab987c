import type {
  RecoveryCodeRequest,
  SecondFactorProof,
  TotpCodeRequest,
} from '@harbormaster/contract'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { meKey } from '../../app/query-client.ts'
import { api, unwrap } from '../../platform/api-client.ts'
import { secondFactorsKey, signedIn } from '../queries.ts'

/** The second step of a password sign-in, with an authenticator code or a recovery code. */
export function useCodeSignIn(method: 'totp' | 'recovery') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: TotpCodeRequest | RecoveryCodeRequest) =>
      unwrap(
        method === 'totp'
          ? api.auth['second-factor'].totp.$post({ json: body })
          : api.auth['second-factor'].recovery.$post({ json: body }),
      ),
    onSuccess: ({ user }) => {
      signedIn(queryClient, user)
    },
  })
}

/** Changes to the caller's second factors refresh their status (and the account page's). */
function useRefresh() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: secondFactorsKey })
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => unwrap(api.auth.totp.$post()) })
}

export function useConfirmTotp() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: TotpCodeRequest) => unwrap(api.auth.totp.confirm.$post({ json: body })),
    onSuccess: refresh,
  })
}

export function useRemoveTotp() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (proof: SecondFactorProof) => unwrap(api.auth.totp.$delete({ json: proof })),
    onSettled: refresh,
  })
}

export function useNewRecoveryCodes() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (proof: SecondFactorProof) =>
      unwrap(api.auth['recovery-codes'].$post({ json: proof })),
    onSettled: refresh,
  })
}

/**
 * The signed-in user is asked again once the recovery codes were seen: a user who had to enrol
 * leaves the enrolment page for the app only then, not while their codes are on screen.
 */
export function useContinueAfterEnrolment() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: meKey })
}
