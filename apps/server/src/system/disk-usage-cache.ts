import type { DiskUsage } from '@harbormaster/engine'
import type { RegisteredHost } from '../hosts/index.ts'

/** How long one `/system/df` answer is served before the engine is asked again. */
export const DISK_USAGE_TTL_MS = 30_000

export interface MeasuredDiskUsage {
  usage: DiskUsage
  /** RFC 3339 time the engine answered. */
  measuredAt: string
}

/**
 * `/system/df` walks every layer and volume, so it is measured at most once per 30 s per host
 * (issue 10), and concurrent callers share one engine call. The call is not tied to any one
 * caller's request: a caller leaving does not cancel it for the others. A failure is not kept.
 * Kept on the host (`timedReads`): a host re-added with another address is a new registered host,
 * with a new client and so a fresh measurement.
 */
export function measureDiskUsage(host: RegisteredHost): Promise<MeasuredDiskUsage> {
  return host.timedReads.run(
    'system/df',
    () =>
      host.engine.system
        .diskUsage()
        .then((usage) => ({ usage, measuredAt: new Date().toISOString() })),
    DISK_USAGE_TTL_MS,
  )
}
