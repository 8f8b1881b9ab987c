import { useCallback, useState } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import { LogPanel, useLogOptions } from '../logs/index.ts'
import { useStackLogStream } from './use-stack-log-stream.ts'

/** Distinct ANSI colours, in the order services are listed: neighbours never share one. */
const PALETTE = [4, 2, 5, 3, 6, 1, 12, 10, 13, 11, 14, 9]

/**
 * The stack's containers' logs merged, each line prefixed with its container in its service's
 * colour; one service at a time if chosen. Every setting is in the URL. Following, the server
 * adds the containers that start later (a scale, a redeploy) to the same stream.
 */
export function StackLogsTab({
  hostId,
  name,
  services,
}: {
  hostId: string
  name: string
  services: readonly string[]
}) {
  const o = useLogOptions()
  const [service, setService] = useUrlParam('service')
  const [attempt, setAttempt] = useState(0)
  const log = useStackLogStream({
    hostId,
    name,
    service,
    tail: o.tail,
    timestamps: o.timestamps,
    follow: o.follow,
    since: o.since,
    attempt,
  })
  const key = services.join('\0')
  const sourceColour = useCallback(
    (s: string) => {
      const index = key.split('\0').indexOf(s)
      const ansi = PALETTE[(index < 0 ? 0 : index) % PALETTE.length] ?? 4
      return `var(--ansi-${ansi})`
    },
    [key],
  )
  const reconnect = () => {
    setAttempt((a) => a + 1)
  }
  return (
    <LogPanel
      options={o}
      log={log}
      tty={false}
      sourceColour={sourceColour}
      onReconnect={reconnect}
      filters={
        <select
          aria-label="Service"
          value={service}
          onChange={(e) => {
            setService(e.target.value)
          }}
        >
          <option value="">Every service</option>
          {service !== '' && !services.includes(service) && (
            <option value={service}>{service}</option>
          )}
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      }
    />
  )
}
