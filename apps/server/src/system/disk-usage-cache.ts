import type { DiskUsage, Engine } from '@harbormaster/engine'

/** How long one `/system/df` answer is served before the engine is asked again. */
export const DISK_USAGE_TTL_MS = 30_000

export interface MeasuredDiskUsage {
  usage: DiskUsage
  /** RFC 3339 time the engine answered. */
  measuredAt: string
}

interface Entry {
  value: Promise<MeasuredDiskUsage>
  /** Infinity while the call is in flight: every caller meanwhile shares it. */
  expiresAt: number
}

// Keyed by the engine client, not the host id: a host re-added with another address gets a new
// client and so a fresh measurement, and a removed host's entry goes with its client.
const entries = new WeakMap<Engine, Entry>()

/**
 * `/system/df` walks every layer and volume, so it is measured at most once per 30 s per host
 * (issue 10), and concurrent callers share one engine call. The call is not tied to any one
 * caller's request: a caller leaving does not cancel it for the others. A failure is not cached.
 */
export function measureDiskUsage(engine: Engine): Promise<MeasuredDiskUsage> {
  const cached = entries.get(engine)
  if (cached && Date.now() < cached.expiresAt) return cached.value
  const entry: Entry = {
    value: engine.system
      .diskUsage()
      .then((usage) => ({ usage, measuredAt: new Date().toISOString() })),
    expiresAt: Number.POSITIVE_INFINITY,
  }
  entries.set(engine, entry)
  entry.value.then(
    () => {
      entry.expiresAt = Date.now() + DISK_USAGE_TTL_MS
    },
    () => {
      if (entries.get(engine) === entry) entries.delete(engine)
    },
  )
  return entry.value
}
