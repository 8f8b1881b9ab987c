import { primaryName, toContainerState } from '../containers/to-container.ts'
import { toImage } from '../images/to-image.ts'
import { toVolume } from '../volumes/to-volume.ts'
import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asString,
  asStringArray,
  asTimestamp,
} from '../wire/wire-read.ts'
import type { BuildCacheEntry, DiskUsage, DiskUsageContainer } from './types.ts'

/**
 * Maps `GET /system/df`. Its lists reuse the image, container and volume list shapes; any of them
 * may be `null`, and `BuildCache` is absent before 1.31 or without BuildKit data.
 */
export function toDiskUsage(wire: unknown): DiskUsage {
  const doc = asObject(wire)
  return {
    layersSize: asNumber(doc.LayersSize),
    images: asArray(doc.Images).map(toImage),
    containers: asArray(doc.Containers).map(toDiskUsageContainer),
    volumes: asArray(doc.Volumes).map(toVolume),
    buildCache: asArray(doc.BuildCache).map(toBuildCacheEntry),
  }
}

function toDiskUsageContainer(wire: unknown): DiskUsageContainer {
  const item = asObject(wire)
  const sizeRw = asOptionalNumber(item.SizeRw)
  const sizeRootFs = asOptionalNumber(item.SizeRootFs)
  return {
    id: asString(item.Id),
    name: primaryName(asStringArray(item.Names)),
    image: asString(item.Image),
    state: toContainerState(item.State),
    status: asString(item.Status),
    created: asNumber(item.Created),
    ...(sizeRw === undefined ? {} : { sizeRw }),
    ...(sizeRootFs === undefined ? {} : { sizeRootFs }),
  }
}

function toBuildCacheEntry(wire: unknown): BuildCacheEntry {
  const item = asObject(wire)
  const createdAt = asTimestamp(item.CreatedAt)
  const lastUsedAt = asTimestamp(item.LastUsedAt)
  return {
    id: asString(item.ID),
    type: asString(item.Type),
    description: asString(item.Description),
    inUse: asBoolean(item.InUse),
    shared: asBoolean(item.Shared),
    size: asNumber(item.Size),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(lastUsedAt === undefined ? {} : { lastUsedAt }),
    usageCount: asNumber(item.UsageCount),
  }
}
