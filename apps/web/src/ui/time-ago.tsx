import { useEffect, useState } from 'react'
import { formatRelative, toDate } from '../platform/format.ts'

interface Clock {
  timer: ReturnType<typeof setInterval>
  listeners: Set<() => void>
}
/** One shared timer per period for every relative time on screen (no timer per row). */
const clocks = new Map<number, Clock>()

/** Re-renders the caller every `periodMs`; what it renders reads the time itself. */
function useClock(periodMs: number): void {
  const [, setTick] = useState(0)
  useEffect(() => {
    const update = () => {
      setTick((n) => n + 1)
    }
    let clock = clocks.get(periodMs)
    if (!clock) {
      const listeners = new Set<() => void>()
      const timer = setInterval(() => {
        listeners.forEach((fn) => {
          fn()
        })
      }, periodMs)
      clock = { timer, listeners }
      clocks.set(periodMs, clock)
    }
    clock.listeners.add(update)
    const mine = clock
    return () => {
      mine.listeners.delete(update)
      if (mine.listeners.size === 0) {
        clearInterval(mine.timer)
        clocks.delete(periodMs)
      }
    }
  }, [periodMs])
}

/**
 * "5 minutes ago", with the absolute local time on hover. With a `prefix` it reads as one phrase
 * ("measured less than a second ago"). It is re-rendered every `everyMs` (30 s by default; less
 * where seconds matter) and always measured against the time of rendering, so a value that just
 * changed never reads as "in 20 seconds".
 */
export function TimeAgo({
  value,
  prefix,
  everyMs = 30_000,
}: {
  value: string | number | undefined
  prefix?: string
  everyMs?: number
}) {
  useClock(everyMs)
  const date = toDate(value)
  if (!date) return <span>—</span>
  const text = formatRelative(date, new Date())
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      {prefix === undefined ? text : `${prefix} ${text.charAt(0).toLowerCase()}${text.slice(1)}`}
    </time>
  )
}

/**
 * A moment that matters as such (when a container died at 3 a.m.): the local date and time, then
 * how long ago. "unknown" when there is none.
 */
export function MomentAt({ value }: { value: string | null | undefined }) {
  const date = toDate(value ?? undefined)
  if (!date) return <span>unknown</span>
  return (
    <span>
      <time dateTime={date.toISOString()}>{date.toLocaleString()}</time> (
      <TimeAgo value={date.toISOString()} />)
    </span>
  )
}
