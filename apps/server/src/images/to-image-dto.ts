import type {
  ImageDetails as ImageDetailsDto,
  ImageHistoryEntry as ImageHistoryEntryDto,
  ImageRemoval as ImageRemovalDto,
  ImageSummary,
} from '@harbormaster/contract'
import type { Image, ImageDetails, ImageHistoryEntry, ImageRemoval } from '@harbormaster/engine'
import { type EnvVisibility, maskEnv, maskEnvIn } from '../policy/index.ts'

export interface ImageUser {
  id: string
  name: string
}

/** Engine domain → API DTO: the API changes only when we change it, not when the engine does. */
export function toImageSummary(image: Image, users: readonly ImageUser[]): ImageSummary {
  return {
    id: image.id,
    repoTags: image.repoTags,
    repoDigests: image.repoDigests,
    parentId: image.parentId,
    created: image.created,
    size: image.size,
    labels: image.labels,
    dangling: image.repoTags.length === 0,
    inUse: users.length > 0,
    containers: [...users],
  }
}

/** The details as the caller may see them: environment values masked per `visibility`. */
export function toImageDetails(
  details: ImageDetails,
  users: readonly ImageUser[],
  visibility: EnvVisibility,
): ImageDetailsDto {
  const { config } = details
  const masked = new Set<string>()
  const env = maskEnv(config.env, visibility, masked)
  const raw = maskEnvIn(details.raw, visibility, masked)
  return {
    id: details.id,
    repoTags: details.repoTags,
    repoDigests: details.repoDigests,
    parentId: details.parentId,
    created: details.created,
    author: details.author,
    comment: details.comment,
    architecture: details.architecture,
    variant: details.variant,
    os: details.os,
    size: details.size,
    config: {
      user: config.user,
      env,
      cmd: config.cmd,
      entrypoint: config.entrypoint,
      workingDir: config.workingDir,
      exposedPorts: config.exposedPorts,
      volumes: config.volumes,
      labels: config.labels,
      stopSignal: config.stopSignal,
    },
    maskedEnv: [...masked],
    layers: details.layers,
    containers: [...users],
    raw,
  }
}

export function toImageHistoryEntry(entry: ImageHistoryEntry): ImageHistoryEntryDto {
  return {
    id: entry.id,
    created: entry.created,
    createdBy: entry.createdBy,
    tags: entry.tags,
    size: entry.size,
    comment: entry.comment,
  }
}

export function toImageRemoval(removals: readonly ImageRemoval[]): ImageRemovalDto {
  return {
    untagged: removals.flatMap((r) => ('untagged' in r ? [r.untagged] : [])),
    deleted: removals.flatMap((r) => ('deleted' in r ? [r.deleted] : [])),
  }
}
