import {
  type StackScaleInput,
  type StackTarget,
  type StackUpInput,
  type StackValidation,
  stackScaleSchema,
  stackUpSchema,
} from '@harbormaster/contract'
import { api, apiPath, unwrap } from '../platform/api-client.ts'
import { type OnProgress, streamStackOperation } from './stack-stream.ts'

/*
 * The calls of the deploy side. `up` and `scale` stream NDJSON, which the typed client cannot
 * read, so they go through apiFetch with their bodies checked against the contract; `validate`
 * is plain JSON through the typed client.
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

/**
 * `POST /stacks/:name/scale`: runs one service of the deployed version with this many
 * containers, until the next deploy (which runs the file's count again).
 */
export function scaleStack(
  hostId: string,
  name: string,
  input: StackScaleInput,
  onProgress: OnProgress,
  signal: AbortSignal,
) {
  return streamStackOperation(
    apiPath`/hosts/${hostId}/stacks/${name}/scale`,
    stackScaleSchema.parse(input),
    onProgress,
    signal,
  )
}

/** `POST /stacks/validate`: the issues of a draft, nothing saved or created. */
export function validateStack(
  hostId: string,
  draft: { name: string; compose: string; env: string; target?: StackTarget | undefined },
  signal: AbortSignal,
): Promise<StackValidation> {
  return unwrap(
    api.hosts[':hostId'].stacks.validate.$post(
      {
        param: { hostId },
        json: {
          name: draft.name,
          compose: draft.compose,
          env: draft.env,
          ...(draft.target ? { target: draft.target } : {}),
        },
      },
      { init: { signal } },
    ),
  )
}
