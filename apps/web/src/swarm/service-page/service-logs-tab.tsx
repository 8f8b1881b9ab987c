import { serviceLogsServerMessageSchema } from '@harbormaster/contract'
import { useCallback, useState } from 'react'
import { type LiveLogMessage, LogPanel, useLiveLog, useLogOptions } from '../../logs/index.ts'
import { apiPath } from '../../platform/api-client.ts'
import { nodeColour, toServiceSourcedLine } from './service-log-lines.ts'
import { wsUrl } from '../../platform/socket.ts'

/**
 * Every task's logs merged by the engine, over the service logs WebSocket: each line with its
 * task and node. Following, an update's new tasks join the same stream as they start.
 */
export function ServiceLogsTab({
  hostId,
  serviceId,
  serviceName,
  tty,
}: {
  hostId: string
  serviceId: string
  serviceName: string
  tty: boolean
}) {
  const o = useLogOptions()
  const [attempt, setAttempt] = useState(0)
  const read = useCallback(
    (frame: unknown): LiveLogMessage | undefined => {
      const parsed = serviceLogsServerMessageSchema.safeParse(frame)
      if (!parsed.success) return undefined
      const m = parsed.data
      if (m.type === 'lines')
        return { type: 'lines', lines: m.lines.map((l) => toServiceSourcedLine(serviceName, l)) }
      if (m.type === 'end') return { type: 'end' }
      return { type: 'error', message: m.error.message }
    },
    [serviceName],
  )
  const url = wsUrl(apiPath`/hosts/${hostId}/swarm/services/${serviceId}/logs/live`, {
    follow: String(o.follow),
    tail: o.tail,
    timestamps: String(o.timestamps),
    since: o.since === '' ? undefined : o.since,
  })
  const log = useLiveLog(url, attempt, read)
  return (
    <LogPanel
      options={o}
      log={log}
      tty={tty}
      sourceColour={nodeColour}
      onReconnect={() => {
        setAttempt((a) => a + 1)
      }}
    />
  )
}
