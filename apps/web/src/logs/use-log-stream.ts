import { logsServerMessageSchema } from '@harbormaster/contract'
import { apiPath } from '../platform/api-client.ts'
import { wsUrl } from '../platform/socket.ts'
import { type LiveLogMessage, useLiveLog } from './use-live-log.ts'

export interface LogStreamOptions {
  hostId: string
  containerId: string
  tail: string
  timestamps: boolean
  follow: boolean
  since: string
  /** The last moment to show (empty: up to now and on); as `since`, the server reads it. */
  until?: string | undefined
  /** Bumped to reconnect. */
  attempt: number
}

function readContainerLog(frame: unknown): LiveLogMessage | undefined {
  const parsed = logsServerMessageSchema.safeParse(frame)
  if (!parsed.success) return undefined
  const m = parsed.data
  if (m.type === 'lines') return { type: 'lines', lines: m.lines }
  if (m.type === 'dropped')
    return {
      type: 'notice',
      text: `… ${m.lines} lines (${m.bytes} bytes) skipped: the browser could not keep up`,
    }
  if (m.type === 'end') return { type: 'end' }
  return { type: 'error', message: m.error.message }
}

/** The container's log over the logs WebSocket. */
export function useLogStream(options: LogStreamOptions) {
  const { hostId, containerId, tail, timestamps, follow, since, until, attempt } = options
  const url = wsUrl(apiPath`/hosts/${hostId}/containers/${containerId}/logs`, {
    follow: String(follow),
    tail,
    timestamps: String(timestamps),
    since: since === '' ? undefined : since,
    until: until === undefined || until === '' ? undefined : until,
  })
  return useLiveLog(url, attempt, readContainerLog)
}
