import type { QuietHours } from '@harbormaster/contract'

const DAY_MINUTES = 24 * 60

/**
 * When the quiet hours around `now` end (Unix ms), or undefined outside them. Read on the zone's
 * wall clock; a window whose start is after its end runs over midnight (22:00-07:00). Across a
 * change to or from summer time the end may be off by the shift: a held delivery is checked
 * again when it wakes, and held once more if the hours are still on.
 */
export function quietUntil(hours: QuietHours | null, now: number): number | undefined {
  if (!hours) return undefined
  const { minute, second } = wallClock(now, hours.timeZone)
  const start = minutesOf(hours.start)
  const end = minutesOf(hours.end)
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end
  if (!inside) return undefined
  const minutesLeft = (end - minute + DAY_MINUTES) % DAY_MINUTES
  return now + minutesLeft * 60_000 - second * 1000
}

function minutesOf(clock: string): number {
  const [hour = '0', minute = '0'] = clock.split(':')
  return Number(hour) * 60 + Number(minute)
}

function wallClock(now: number, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { minute: part('hour') * 60 + part('minute'), second: part('second') }
}
