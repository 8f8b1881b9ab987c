import { useEffect, useRef, useState } from 'react'
import { openLiveSocket, parseJson } from '../platform/socket.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'
import {
  appendLines,
  appendNotice,
  emptyLogBuffer,
  type LogEntry,
  type SourcedLine,
} from './log-buffer.ts'
import type { LogStreamStatus } from './log-panel.tsx'

/** What one text frame of a logs socket says, in the view's terms. */
export type LiveLogMessage =
  | { type: 'lines'; lines: readonly SourcedLine[] }
  | { type: 'notice'; text: string }
  | { type: 'end' }
  | { type: 'error'; message: string }

/**
 * A log over a logs WebSocket (one container's, or a stack's merged): `read` turns a parsed
 * frame into a message (undefined for one of the wrong shape) and must be stable; a new `url`
 * or `attempt` is a new stream, started from an empty view. Batches are appended once per
 * animation frame, so a noisy log costs one render per frame, not one per message.
 */
export function useLiveLog(
  url: string,
  attempt: number,
  read: (frame: unknown) => LiveLogMessage | undefined,
) {
  const [entries, setEntries] = useState<LogEntry[]>([])
  const [status, setStatus] = useState<LogStreamStatus>('connecting')
  const [error, setError] = useState<string | undefined>()
  const state = useRef({ buffer: emptyLogBuffer, frame: 0 })
  // Another stream (or a reconnect) starts from an empty view, without the old one's error.
  useResetOnChange([url, attempt], () => {
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
    const socket = openLiveSocket({
      url: () => url,
      onStatus: (st) => {
        if (st === 'open') setStatus('live')
        else if (st === 'closed') setStatus((prev) => (prev === 'ended' ? prev : 'disconnected'))
        else setStatus('connecting')
      },
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const m = read(parseJson(data))
        if (m?.type === 'lines') {
          s.buffer = appendLines(s.buffer, m.lines)
          schedule()
        } else if (m?.type === 'notice') {
          s.buffer = appendNotice(s.buffer, m.text)
          schedule()
        } else if (m?.type === 'end') setStatus('ended')
        else if (m?.type === 'error') setError(m.message)
      },
    })
    return () => {
      cancelAnimationFrame(s.frame)
      s.frame = 0
      socket.close()
    }
  }, [url, attempt, read])

  return { entries, status, error }
}
