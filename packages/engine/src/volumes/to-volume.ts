import { asNumber, asObject, asString, asStringMap, asTimestamp } from '../wire/wire-read.ts'
import type { Volume } from './types.ts'

/**
 * Maps a volume from a list, an inspect or `/system/df`. `Labels` and `Options` are often
 * `null`; `UsageData` is `{Size: -1, RefCount: -1}` wherever it was not computed (seed 002).
 */
export function toVolume(wire: unknown): Volume {
  const item = asObject(wire)
  const createdAt = asTimestamp(item.CreatedAt)
  const usage = asObject(item.UsageData)
  const size = asNumber(usage.Size, -1)
  const refCount = asNumber(usage.RefCount, -1)
  return {
    name: asString(item.Name),
    driver: asString(item.Driver, 'local'),
    mountpoint: asString(item.Mountpoint),
    scope: asString(item.Scope, 'local'),
    ...(createdAt === undefined ? {} : { createdAt }),
    labels: asStringMap(item.Labels),
    options: asStringMap(item.Options),
    ...(size >= 0 && refCount >= 0 ? { usageData: { size, refCount } } : {}),
  }
}
