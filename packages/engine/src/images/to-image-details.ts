import {
  asNumber,
  asObject,
  asOptionalString,
  asString,
  asStringArray,
  asStringMap,
  asTimestamp,
} from '../wire/wire-read.ts'
import { realReferences } from './to-image.ts'
import type { ImageDetails } from './types.ts'

/**
 * Maps `GET /images/{name}/json`. From 1.44 `Created` is omitted when unknown, from 1.45
 * `Container`/`ContainerConfig` are gone, and from 1.50 `Config` holds only image fields
 * (docs/engine.md#images-across-versions); only fields every version has are required here.
 */
export function toImageDetails(wire: unknown): ImageDetails {
  const doc = asObject(wire)
  const config = asObject(doc.Config)
  const parentId = asOptionalString(doc.Parent)
  const created = asTimestamp(doc.Created)
  const graphDriver = asOptionalString(asObject(doc.GraphDriver).Name)
  const lastTagTime = asTimestamp(asObject(doc.Metadata).LastTagTime)
  return {
    id: asString(doc.Id),
    repoTags: realReferences(doc.RepoTags),
    repoDigests: realReferences(doc.RepoDigests),
    ...optional({
      parentId,
      created,
      author: asOptionalString(doc.Author),
      comment: asOptionalString(doc.Comment),
      variant: asOptionalString(doc.Variant),
      osVersion: asOptionalString(doc.OsVersion),
    }),
    architecture: asString(doc.Architecture),
    os: asString(doc.Os),
    size: asNumber(doc.Size),
    config: {
      user: asString(config.User),
      env: asStringArray(config.Env),
      cmd: commandList(config.Cmd),
      entrypoint: commandList(config.Entrypoint),
      workingDir: asString(config.WorkingDir),
      exposedPorts: Object.keys(asObject(config.ExposedPorts)),
      volumes: Object.keys(asObject(config.Volumes)),
      labels: asStringMap(config.Labels),
      onBuild: asStringArray(config.OnBuild),
      ...optional({
        stopSignal: asOptionalString(config.StopSignal),
        healthcheck: healthcheckTest(config.Healthcheck),
      }),
    },
    layers: asStringArray(asObject(doc.RootFS).Layers),
    ...optional({ graphDriver, lastTagTime }),
    raw: wire,
  }
}

/** `Healthcheck.Test` is `["CMD", …]`, `["CMD-SHELL", "…"]` or `["NONE"]` (disabled). */
function healthcheckTest(value: unknown): string[] | undefined {
  const test = asStringArray(asObject(value).Test)
  return test.length === 0 || test[0] === 'NONE' ? undefined : test
}

/** Cmd and Entrypoint may be a string in old documents, an array, or null. */
function commandList(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value]
  return asStringArray(value)
}

/** Keeps only the entries that have a value, so optional fields are absent rather than undefined. */
function optional<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}
