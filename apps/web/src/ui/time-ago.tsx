import { useEffect, useState } from 'react'
import { formatRelative, toDate } from '../platform/format.ts'

let ticking: ReturnType<typeof setInterval> | undefined
const listeners = new Set<() => void>()

/** One shared 30 s clock for every relative time on screen (no timer per row). */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const update = () => {
      setNow(Date.now())
    }
    listeners.add(update)
    ticking ??= setInterval(() => {
      listeners.forEach((fn) => {
        fn()
      })
    }, 30_000)
    return () => {
      listeners.delete(update)
      if (listeners.size === 0) {
        clearInterval(ticking)
        ticking = undefined
      }
    }
  }, [])
  return now
}

/**
 * "5 minutes ago", with the absolute local time on hover. `inSentence` lower-cases the first
 * letter, for "Measured less than a second ago".
 */
export function TimeAgo({
  value,
  inSentence = false,
}: {
  value: string | number | undefined
  inSentence?: boolean
}) {
  const now = useMinuteClock()
  const date = toDate(value)
  if (!date) return <span>—</span>
  const text = formatRelative(date, new Date(now))
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      {inSentence ? text.charAt(0).toLowerCase() + text.slice(1) : text}
    </time>
  )
}
