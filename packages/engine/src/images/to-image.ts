import {
  asArray,
  asNumber,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
  asStringArray,
  asStringMap,
} from '../wire/wire-read.ts'
import type { Image, ImageHistoryEntry, ImageRemoval } from './types.ts'

/**
 * Maps a `GET /images/json` item; `/system/df` lists images in the same shape. Reads defensively
 * (docs/engine.md#images-across-versions): `-1` means "not computed", lists and maps may be `null`, and engines
 * before 1.43 show untagged images as `<none>:<none>` / `<none>@<none>`.
 */
export function toImage(wire: unknown): Image {
  const item = asObject(wire)
  const parentId = asOptionalString(item.ParentId)
  const sharedSize = unlessUnknown(item.SharedSize)
  const containers = unlessUnknown(item.Containers)
  return {
    id: asString(item.Id ?? item.ID),
    repoTags: realReferences(item.RepoTags),
    repoDigests: realReferences(item.RepoDigests),
    ...(parentId === undefined ? {} : { parentId }),
    created: asNumber(item.Created),
    size: asNumber(item.Size),
    ...(sharedSize === undefined ? {} : { sharedSize }),
    ...(containers === undefined ? {} : { containers }),
    labels: asStringMap(item.Labels),
  }
}

/** Drops the `<none>:<none>` and `<none>@<none>` placeholders engines before 1.43 send. */
export function realReferences(value: unknown): string[] {
  return asStringArray(value).filter((ref) => !ref.startsWith('<none>'))
}

/**
 * Counts and sizes use `-1` for "not computed": `Containers` on image lists before 1.51 and
 * `SharedSize` without `shared-size=true` (docs/engine.md#images-across-versions).
 */
function unlessUnknown(value: unknown): number | undefined {
  const read = asOptionalNumber(value)
  return read === undefined || read < 0 ? undefined : read
}

/** Maps a `GET /images/{name}/history` item. */
export function toImageHistoryEntry(wire: unknown): ImageHistoryEntry {
  const item = asObject(wire)
  const id = asOptionalString(item.Id)
  return {
    ...(id === undefined || id === '<missing>' ? {} : { id }),
    created: asNumber(item.Created),
    createdBy: asString(item.CreatedBy),
    tags: realReferences(item.Tags),
    size: asNumber(item.Size),
    comment: asString(item.Comment),
  }
}

/**
 * Maps the answer of `DELETE /images/{name}` (and `ImagesDeleted` of a prune). One wire item may
 * carry both `Untagged` and `Deleted`, so it can yield two removals.
 */
export function toImageRemovals(wire: unknown): ImageRemoval[] {
  return asArray(wire).flatMap((entry): ImageRemoval[] => {
    const item = asObject(entry)
    const untagged = asOptionalString(item.Untagged)
    const deleted = asOptionalString(item.Deleted)
    return [
      ...(untagged === undefined ? [] : [{ untagged }]),
      ...(deleted === undefined ? [] : [{ deleted }]),
    ]
  })
}
