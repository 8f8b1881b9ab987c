import type { PasskeySummary } from '@harbormaster/contract'
import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { meKey } from '../../app/query-client.ts'
import { api, unwrap } from '../../platform/api-client.ts'
import { secondFactorsKey, signedIn } from '../queries.ts'

const passkeys = api.auth.passkeys

/**
 * The server's options, typed as the browser library reads them. They are the W3C's JSON, made
 * by @simplewebauthn/server; the typed client only marks each optional member `| undefined`,
 * which JSON cannot carry (exactOptionalPropertyTypes).
 */
const creationOptions = (options: object) => options as PublicKeyCredentialCreationOptionsJSON
const requestOptions = (options: object) => options as PublicKeyCredentialRequestOptionsJSON

/**
 * Adds a passkey: the server's options, the browser's ceremony (the authenticator asks the user),
 * the server's check. Afterwards the user's status is read again: on the enrolment page that is
 * what lets the app continue (the server no longer owes a second factor).
 */
export function useAddPasskey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (name: string) => {
      const { options } = await unwrap(passkeys.registration.options.$post())
      const credential = await startRegistration({ optionsJSON: creationOptions(options) })
      const json = name.trim() === '' ? { credential } : { name: name.trim(), credential }
      return unwrap(passkeys.registration.$post({ json }))
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: secondFactorsKey })
      await queryClient.invalidateQueries({ queryKey: meKey })
    },
  })
}

export function useRenamePasskey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ passkey, name }: { passkey: PasskeySummary; name: string }) =>
      unwrap(passkeys[':id'].$patch({ param: { id: passkey.id }, json: { name } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: secondFactorsKey }),
  })
}

export function useRemovePasskey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (passkey: PasskeySummary) =>
      unwrap(passkeys[':id'].$delete({ param: { id: passkey.id } })),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: secondFactorsKey })
      await queryClient.invalidateQueries({ queryKey: meKey })
    },
  })
}

/** Signs in with a passkey alone: the browser offers the passkeys it holds for this site. */
export function usePasskeySignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const { options } = await unwrap(passkeys['sign-in'].options.$post())
      const credential = await startAuthentication({ optionsJSON: requestOptions(options) })
      return unwrap(passkeys['sign-in'].$post({ json: { credential } }))
    },
    onSuccess: ({ user }) => {
      signedIn(queryClient, user)
    },
  })
}

/** Completes a password sign-in with one of the user's passkeys. */
export function usePasskeySecondFactor() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const { options } = await unwrap(passkeys['second-factor'].options.$post())
      const credential = await startAuthentication({ optionsJSON: requestOptions(options) })
      return unwrap(passkeys['second-factor'].$post({ json: { credential } }))
    },
    onSuccess: ({ user }) => {
      signedIn(queryClient, user)
    },
  })
}
