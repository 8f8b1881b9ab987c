import {
  type StackUpInput,
  type StackValidation,
  stackUpSchema,
  stackValidateSchema,
  stackValidationSchema,
} from '@harbormaster/contract'
import { ApiRequestError, apiFetch, apiPath } from '../platform/api-client.ts'
import { type OnProgress, streamStackOperation } from './stack-stream.ts'

/*
 * The two calls of the deploy side: `up` and `validate`. Both go through apiFetch (the typed
 * client has no stream reader) and both are checked against the contract's schemas, on the way
 * out and on the way in.
 */

/** `POST /stacks/:name/up`: deploys the latest saved version, or `version` (a rollback). */
export function deployStack(
  hostId: string,
  name: string,
  input: StackUpInput,
  onProgress: OnProgress,
  signal: AbortSignal,
) {
  return streamStackOperation(
    apiPath`/hosts/${hostId}/stacks/${name}/up`,
    stackUpSchema.parse(input),
    onProgress,
    signal,
  )
}

/** `POST /stacks/validate`: the issues of a draft, nothing saved or created. */
export async function validateStack(
  hostId: string,
  draft: { name: string; compose: string; env: string },
  signal: AbortSignal,
): Promise<StackValidation> {
  const res = await apiFetch(apiPath`/hosts/${hostId}/stacks/validate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(stackValidateSchema.parse(draft)),
    signal,
  })
  const answer = stackValidationSchema.safeParse(await res.json().catch(() => undefined))
  if (!answer.success)
    throw new ApiRequestError(res.status, 'internal', 'The server answered the check unexpectedly')
  return answer.data
}
