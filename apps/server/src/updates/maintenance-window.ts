/**
 * When automatic image updates may run: a daily span of UTC time, `HH:MM-HH:MM`
 * (HARBORMASTER_AUTO_UPDATE_WINDOW). UTC, not the server's zone: a container's clock and its
 * host's often differ, and a window that moves with daylight saving would run twice or never.
 * The end is exclusive; an end at or before the start wraps past midnight (`22:00-04:00`).
 */
export interface MaintenanceWindow {
  /** Minutes since 00:00 UTC. */
  start: number
  end: number
}

export const WINDOW_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/

/** The window `text` names; throws when it names none (config.ts checks the pattern first). */
export function parseWindow(text: string): MaintenanceWindow {
  const match = WINDOW_PATTERN.exec(text)
  if (match === null) throw new Error(`not a window (HH:MM-HH:MM, UTC): ${text}`)
  const [startHours, startMinutes, endHours, endMinutes] = match.slice(1).map(Number)
  const minutes = (hours = 0, rest = 0) => Math.min(24 * 60, hours * 60 + rest)
  return { start: minutes(startHours, startMinutes), end: minutes(endHours, endMinutes) }
}

/** Whether the instant `at` (Unix ms) falls inside the window. */
export function inWindow(window: MaintenanceWindow, at: number): boolean {
  const date = new Date(at)
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes()
  if (window.start < window.end) return minute >= window.start && minute < window.end
  return minute >= window.start || minute < window.end
}

/** `02:00-05:00 UTC`, for messages and the web. */
export function describeWindow(window: MaintenanceWindow): string {
  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  return `${clock(window.start)}-${clock(window.end)} UTC`
}

const DAY_MS = 24 * 60 * 60_000

/** How long from `at` (Unix ms) until the window next opens (0 < result ≤ one day). */
export function msUntilOpens(window: MaintenanceWindow, at: number): number {
  const startOfDay = Math.floor(at / DAY_MS) * DAY_MS
  const opens = startOfDay + window.start * 60_000
  return opens > at ? opens - at : opens + DAY_MS - at
}
