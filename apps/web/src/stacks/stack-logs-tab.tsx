import { useCallback, useState } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import { LogPanel, useLogOptions } from '../logs/index.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'
import { bannerClass, Button } from '../ui/index.ts'
import { useStackLogStream } from './use-stack-log-stream.ts'

/** A container of the stack, as the logs tab needs to know it. */
export interface LoggedContainer {
  id: string
  name: string
  service: string
}

/** Distinct ANSI colours, in the order services are listed: neighbours never share one. */
const PALETTE = [4, 2, 5, 3, 6, 1, 12, 10, 13, 11, 14, 9]

/**
 * The stack's containers' logs merged, each line prefixed with its container in its service's
 * colour; one service at a time if chosen. Every setting is in the URL.
 */
export function StackLogsTab({
  hostId,
  name,
  services,
  containers,
}: {
  hostId: string
  name: string
  services: readonly string[]
  /** The stack's containers now (events keep them fresh), to notice new ones. */
  containers: readonly LoggedContainer[]
}) {
  const o = useLogOptions()
  const [service, setService] = useUrlParam('service')
  const [attempt, setAttempt] = useState(0)
  const newcomers = useNewcomers(
    containers.filter((c) => service === '' || c.service === service),
    [service, o.tail, o.since, o.follow, o.timestamps, attempt],
  )
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
    <>
      {o.follow && newcomers.length > 0 && (
        <NewcomersBanner names={newcomers.map((c) => c.name)} onFollow={reconnect} />
      )}
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
    </>
  )
}

/**
 * The containers the open logs do not follow: a deploy or a scale made them after the logs were
 * opened (the server merges the logs of the containers the stack had when they were asked for).
 * Reopening the logs (a new `session`) follows every container there is then.
 */
function useNewcomers(
  containers: readonly LoggedContainer[],
  session: readonly unknown[],
): LoggedContainer[] {
  const ids = containers.map((c) => c.id)
  const [followed, setFollowed] = useState(() => new Set(ids))
  useResetOnChange(session, () => {
    setFollowed(new Set(ids))
  })
  return containers.filter((c) => !followed.has(c.id))
}

/** Says which containers the open logs miss, and reopens them to follow those too. */
function NewcomersBanner({ names, onFollow }: { names: string[]; onFollow: () => void }) {
  return (
    <div className={bannerClass('info')} role="note" aria-label="New containers">
      {names.join(', ')} started after these logs were opened, so{' '}
      {names.length === 1 ? 'its' : 'their'} lines are not shown.{' '}
      <Button onClick={onFollow}>Follow them too</Button>
    </div>
  )
}
