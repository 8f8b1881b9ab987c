import { type ServiceTasksSnapshot, serviceTasksServerMessageSchema } from '@harbormaster/contract'
import { useEffect, useState } from 'react'
import { apiPath } from '../../platform/api-client.ts'
import { type LiveStatus, openLiveSocket, parseJson, wsUrl } from '../../platform/socket.ts'
import { useResetOnChange } from '../../platform/use-reset-on-change.ts'

export interface LiveTasks {
  /** The latest task list, once the first one arrived. */
  snapshot: ServiceTasksSnapshot | undefined
  status: LiveStatus
  /** The server's last word when it ended the stream (the service was removed). */
  error: string | undefined
}

/**
 * A service's tasks, live over its tasks WebSocket: the server reads them for every watcher at
 * once (about twice a second while the service moves), and sends the whole list when it changed.
 * Reconnects with backoff; a removed service ends it with the server's message.
 */
export function useServiceTasks(hostId: string, serviceId: string | undefined): LiveTasks {
  const [snapshot, setSnapshot] = useState<ServiceTasksSnapshot>()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const [error, setError] = useState<string>()
  useResetOnChange([hostId, serviceId], () => {
    setSnapshot(undefined)
    setError(undefined)
  })
  useEffect(() => {
    if (serviceId === undefined) return
    const socket = openLiveSocket({
      url: () => wsUrl(apiPath`/hosts/${hostId}/swarm/services/${serviceId}/tasks/live`),
      reconnect: true,
      onStatus: (next) => {
        setStatus(next)
      },
      onMessage: (data) => {
        if (typeof data !== 'string') return
        const parsed = serviceTasksServerMessageSchema.safeParse(parseJson(data))
        if (!parsed.success) return
        const message = parsed.data
        if (message.type === 'error') setError(message.error.message)
        else
          setSnapshot({
            tasks: message.tasks,
            version: message.version,
            settled: message.settled,
            ...(message.updateStatus ? { updateStatus: message.updateStatus } : {}),
          })
      },
    })
    return () => {
      socket.close()
    }
  }, [hostId, serviceId])
  return { snapshot, status, error }
}
