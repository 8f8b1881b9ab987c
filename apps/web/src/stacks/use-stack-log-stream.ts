import { type StackLogLine, stackLogsServerMessageSchema } from '@harbormaster/contract'
import { useEffect, useRef, useState } from 'react'
import {
  appendLines,
  emptyLogBuffer,
  type LogEntry,
  type LogStreamStatus,
  type SourcedLine,
} from '../logs/index.ts'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl } from '../platform/socket.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'

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

/**
 * The merged logs of a stack's containers over its logs WebSocket (one service's with
 * `service`). Batches are appended once per animation frame, as for one container's log.
 */
export function useStackLogStream(options: StackLogOptions) {
  const { hostId, name, service, tail, timestamps, follow, since, attempt } = options
  const [entries, setEntries] = useState<LogEntry[]>([])
  const [status, setStatus] = useState<LogStreamStatus>('connecting')
  const [error, setError] = useState<string | undefined>()
  const state = useRef({ buffer: emptyLogBuffer, frame: 0 })
  useResetOnChange([hostId, name, service, tail, timestamps, follow, since, attempt], () => {
    setEntries([])
    setError(undefined)
  })

  useEffect(() => {
    const s = state.current
    s.buffer = emptyLogBuffer
    const commit = () => {
      s.frame = 0
      setEntries(s.buffer.entries)
    }
    const socket = openLiveSocket({
      url: () =>
        wsUrl(apiPath`/hosts/${hostId}/stacks/${name}/logs`, {
          follow: String(follow),
          tail,
          timestamps: String(timestamps),
          since: since === '' ? undefined : since,
          service: service === '' ? undefined : service,
        }),
      onStatus: (st) => {
        if (st === 'open') setStatus('live')
        else if (st === 'closed') setStatus((prev) => (prev === 'ended' ? prev : 'disconnected'))
        else setStatus('connecting')
      },
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const parsed = stackLogsServerMessageSchema.safeParse(parseJson(data))
        if (!parsed.success) return
        const m = parsed.data
        if (m.type === 'lines') {
          s.buffer = appendLines(s.buffer, m.lines.map(toSourcedLine))
          if (s.frame === 0) s.frame = requestAnimationFrame(commit)
        } else if (m.type === 'end') setStatus('ended')
        else setError(m.error.message)
      },
    })
    return () => {
      cancelAnimationFrame(s.frame)
      s.frame = 0
      socket.close()
    }
  }, [hostId, name, service, tail, timestamps, follow, since, attempt])

  return { entries, status, error }
}
