import { apiFetch } from '../platform/api-client.ts'
import { readNdjson } from '../platform/ndjson.ts'
import { applyStackLine, emptyProgress, type StackProgress } from './stack-progress.ts'

/** Reports the progress as it changes. */
export type OnProgress = (progress: StackProgress) => void

/**
 * POSTs a stack operation and folds its NDJSON `StackLine`s into the panel's state as they
 * arrive. A refusal before the stream starts is thrown (ApiRequestError with the server's
 * words); a failure inside it is its last line, folded like the rest. Aborting the signal
 * ends the request, and the server stops the operation.
 */
export async function streamStackOperation(
  path: string,
  body: unknown,
  onProgress: OnProgress,
  signal: AbortSignal,
): Promise<StackProgress> {
  const res = await apiFetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  })
  let progress = emptyProgress
  if (!res.body) return progress
  await readNdjson(res.body, (line) => {
    progress = applyStackLine(progress, line)
    onProgress(progress)
  })
  return progress
}
