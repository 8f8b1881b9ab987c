import { logsServerMessageSchema } from '@harbormaster/contract'
import { useEffect, useRef, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl } from '../platform/socket.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'
import { appendLines, appendNotice, emptyLogBuffer, type LogEntry } from './log-buffer.ts'
import type { LogStreamStatus } from './log-panel.tsx'

export interface LogStreamOptions {
  hostId: string
  containerId: string
  tail: string
  timestamps: boolean
  follow: boolean
  since: string
  /** Bumped to reconnect. */
  attempt: number
}

/**
 * The container's log over the logs WebSocket. Batches are appended once per animation frame,
 * so a noisy container costs one render per frame, not one per message.
 */
export function useLogStream(options: LogStreamOptions) {
  const { hostId, containerId, tail, timestamps, follow, since, attempt } = options
  const [entries, setEntries] = useState<LogEntry[]>([])
  const [status, setStatus] = useState<LogStreamStatus>('connecting')
  const [error, setError] = useState<string | undefined>()
  const state = useRef({ buffer: emptyLogBuffer, frame: 0 })
  // Another stream (or a reconnect) starts from an empty view, without the old one's error.
  useResetOnChange([hostId, containerId, tail, timestamps, follow, since, attempt], () => {
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
    const schedule = () => {
      if (s.frame === 0) s.frame = requestAnimationFrame(commit)
    }
    const notice = (text: string) => {
      s.buffer = appendNotice(s.buffer, text)
      schedule()
    }
    const socket = openLiveSocket({
      url: () =>
        wsUrl(apiPath`/hosts/${hostId}/containers/${containerId}/logs`, {
          follow: String(follow),
          tail,
          timestamps: String(timestamps),
          since: since === '' ? undefined : since,
        }),
      onStatus: (st) => {
        if (st === 'open') setStatus('live')
        else if (st === 'closed') setStatus((prev) => (prev === 'ended' ? prev : 'disconnected'))
        else setStatus('connecting')
      },
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const parsed = logsServerMessageSchema.safeParse(parseJson(data))
        if (!parsed.success) return
        const m = parsed.data
        if (m.type === 'lines') {
          s.buffer = appendLines(s.buffer, m.lines)
          schedule()
        } else if (m.type === 'dropped') {
          notice(`… ${m.lines} lines (${m.bytes} bytes) skipped: the browser could not keep up`)
        } else if (m.type === 'end') {
          setStatus('ended')
        } else {
          setError(m.error.message)
        }
      },
    })
    return () => {
      cancelAnimationFrame(s.frame)
      s.frame = 0
      socket.close()
    }
  }, [hostId, containerId, tail, timestamps, follow, since, attempt])

  return { entries, status, error }
}
