import { apiPath } from '../platform/api-client.ts'
import { type OnProgress, streamStackOperation } from './stack-stream.ts'

/** `update`: pull the images the last check found an update for, redeploy what they change. */
export type StackAction = 'start' | 'stop' | 'restart' | 'pull' | 'down' | 'update'

/** Lifecycle without a file (ours and the compose CLI's projects alike). */
export function runStackAction(
  hostId: string,
  name: string,
  action: StackAction,
  options: { volumes: boolean },
  onProgress: OnProgress,
  signal: AbortSignal,
) {
  const body = action === 'down' ? { volumes: options.volumes } : {}
  return streamStackOperation(
    apiPath`/hosts/${hostId}/stacks/${name}/${action}`,
    body,
    onProgress,
    signal,
  )
}
