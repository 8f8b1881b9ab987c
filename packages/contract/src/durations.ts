const HOUR_MS = 3_600_000

/**
 * A duration in the engine's words ("About a minute", "3 days"): go-units' HumanDuration, which
 * the engine uses in container status texts. The server writes statuses with it and the web app
 * writes "… ago" with it, so both read the same.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < 1) return 'Less than a second'
  if (seconds === 1) return '1 second'
  if (seconds < 60) return `${seconds} seconds`
  const minutes = Math.trunc(ms / 60_000)
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  // Go's Duration.Round rounds half away from zero.
  const hours = Math.floor(ms / HOUR_MS + 0.5)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`
  return `${Math.trunc(ms / HOUR_MS / 24 / 365)} years`
}
