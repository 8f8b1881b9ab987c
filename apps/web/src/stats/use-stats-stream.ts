import { statsServerMessageSchema } from '@harbormaster/contract'
import { useEffect, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl, type LiveStatus } from '../platform/socket.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'
import { addSample, emptySeries, type StatsSeries } from './stats-series.ts'

/** One container's live samples (about one a second) and a few minutes of history. */
export function useStatsStream(hostId: string, containerId: string, enabled: boolean) {
  const [series, setSeries] = useState<StatsSeries>(emptySeries)
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const [error, setError] = useState<string | undefined>()
  // Each time it starts watching (another container, or this one again) the chart starts empty;
  // while disabled (the container stopped) the last series stays on screen.
  useResetOnChange([hostId, containerId, enabled], () => {
    if (enabled) setSeries(emptySeries())
  })
  useEffect(() => {
    if (!enabled) return
    const socket = openLiveSocket({
      url: () => wsUrl(apiPath`/hosts/${hostId}/containers/${containerId}/stats`),
      reconnect: true,
      onStatus: (st) => {
        setStatus(st)
      },
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const parsed = statsServerMessageSchema.safeParse(parseJson(data))
        if (!parsed.success) return
        const m = parsed.data
        if (m.type === 'sample') {
          setError(undefined)
          setSeries((s) => addSample(s, m.sample))
        } else if (m.type === 'error') setError(m.error.message)
      },
    })
    return () => {
      socket.close()
    }
  }, [hostId, containerId, enabled])
  return { series, status, error }
}
