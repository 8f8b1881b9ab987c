import { statsServerMessageSchema, type StatsSampleDto } from '@harbormaster/contract'
import { useEffect, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl, type LiveStatus } from '../platform/socket.ts'

export interface HostStats {
  /** The latest figures; undefined until the first `samples` message. */
  samples: StatsSampleDto[] | undefined
  status: LiveStatus
  /** The server's last error, until figures arrive again. */
  error: string | undefined
  /** Opens a new socket: after a final close there is no automatic reconnect. */
  retry: () => void
}

/** The host overview stream: every running container's latest sample, once a second. */
export function useHostStats(hostId: string): HostStats {
  const [samples, setSamples] = useState<StatsSampleDto[] | undefined>()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const [error, setError] = useState<string | undefined>()
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    const socket = openLiveSocket({
      url: () => wsUrl(apiPath`/hosts/${hostId}/stats`),
      reconnect: true,
      onStatus: setStatus,
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const parsed = statsServerMessageSchema.safeParse(parseJson(data))
        if (!parsed.success) return
        const m = parsed.data
        if (m.type === 'samples') {
          setError(undefined)
          setSamples(m.samples)
        } else if (m.type === 'error') setError(m.error.message)
      },
    })
    return () => {
      socket.close()
    }
  }, [hostId, attempt])
  const retry = () => {
    setError(undefined)
    setAttempt((n) => n + 1)
  }
  return { samples, status, error, retry }
}
