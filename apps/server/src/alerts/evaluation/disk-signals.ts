import type { DiskUsage } from '@harbormaster/engine'
import type { RegisteredHost } from '../../hosts/index.ts'
import type { Signal } from './container-signals.ts'

/** What the disk rules count: image layers, volumes and the build cache, in bytes. */
export function engineBytes(usage: DiskUsage): number {
  const volumes = usage.volumes.reduce((sum, v) => sum + Math.max(0, v.usageData?.size ?? 0), 0)
  const cache = usage.buildCache.reduce((sum, entry) => sum + entry.size, 0)
  return usage.layersSize + volumes + cache
}

/** A host's disk signal for one threshold: above it firing, at or below it resolved. */
export function diskSignal(host: RegisteredHost, bytes: number, thresholdBytes: number): Signal {
  const above = bytes > thresholdBytes
  return {
    kind: 'host.disk',
    state: above ? 'firing' : 'resolved',
    hostId: host.id,
    subject: { type: 'host', id: host.id, name: host.name },
    labels: {},
    at: Date.now(),
    what: above
      ? `uses ${gib(bytes)} for images, volumes and build cache (over ${gib(thresholdBytes)})`
      : `uses ${gib(bytes)} for images, volumes and build cache, under ${gib(thresholdBytes)} again`,
  }
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`
}
