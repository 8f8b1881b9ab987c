import { type StackLogLine, stackLogsServerMessageSchema } from '@harbormaster/contract'
import { type LiveLogMessage, type SourcedLine, useLiveLog } from '../logs/index.ts'
import { apiPath } from '../platform/api-client.ts'
import { wsUrl } from '../platform/socket.ts'

export interface StackLogOptions {
  hostId: string
  name: string
  /** One service's containers; '' for all. */
  service: string
  tail: string
  timestamps: boolean
  follow: boolean
  since: string
  /** Bumped to reconnect. */
  attempt: number
}

/** A line as the merged view keeps it: prefixed with its container (`web-2`), by service. */
export function toSourcedLine(line: StackLogLine): SourcedLine {
  return {
    stream: line.stream,
    text: line.text,
    ...(line.partial ? { partial: line.partial } : {}),
    source: { label: `${line.service}-${line.number}`, service: line.service },
  }
}

function readStackLog(frame: unknown): LiveLogMessage | undefined {
  const parsed = stackLogsServerMessageSchema.safeParse(frame)
  if (!parsed.success) return undefined
  const m = parsed.data
  if (m.type === 'lines') return { type: 'lines', lines: m.lines.map(toSourcedLine) }
  if (m.type === 'end') return { type: 'end' }
  return { type: 'error', message: m.error.message }
}

/** The merged logs of a stack's containers over its logs WebSocket (one service's with `service`). */
export function useStackLogStream(options: StackLogOptions) {
  const { hostId, name, service, tail, timestamps, follow, since, attempt } = options
  const url = wsUrl(apiPath`/hosts/${hostId}/stacks/${name}/logs`, {
    follow: String(follow),
    tail,
    timestamps: String(timestamps),
    since: since === '' ? undefined : since,
    service: service === '' ? undefined : service,
  })
  return useLiveLog(url, attempt, readStackLog)
}
