import { useEffect, useState } from 'react'
import { formatRelative, toDate } from '../platform/format.ts'

/** Seconds matter here (the server shares an answer for 15 s), so a finer clock than TimeAgo's. */
const TICK_MS = 5_000

/**
 * "measured 12 seconds ago": the image list is read from the engine only on demand and shared
 * for a while, so the page says how old the figures are rather than implying they are live.
 */
export function MeasuredAt({ at }: { at: string }) {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now())
    }, TICK_MS)
    return () => {
      clearInterval(timer)
    }
  }, [])
  const date = toDate(at)
  if (!date) return null
  // A re-read lands between ticks: never say "in 3 seconds" about an answer just received.
  const ago = formatRelative(date, new Date(Math.max(now, date.getTime())))
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      measured {ago.charAt(0).toLowerCase() + ago.slice(1)}
    </time>
  )
}
