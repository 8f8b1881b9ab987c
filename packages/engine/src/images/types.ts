/** The image model the engine package hands out: normalised across API 1.24–1.51 and Podman. */

/** A row of `GET /images/json`. */
export interface Image {
  id: string
  /** `name:tag` references; `[]` for untagged images (never `<none>:<none>`). */
  repoTags: string[]
  /** `name@sha256:…` references; `[]` for images that were never pushed or pulled. */
  repoDigests: string[]
  /** Absent for base images and with the containerd image store. */
  parentId?: string
  /** Unix seconds. */
  created: number
  /** Bytes, shared layers included. */
  size: number
  /** Bytes shared with other images; only when asked for (API 1.42+) and in `/system/df`. */
  sharedSize?: number
  /** Containers using the image; engines before 1.51 report "unknown" outside `/system/df`. */
  containers?: number
  labels: Record<string, string>
}

/** `GET /images/{name}/json`, with the fields a dashboard shows; `raw` keeps the rest. */
export interface ImageDetails {
  id: string
  repoTags: string[]
  repoDigests: string[]
  parentId?: string
  /** RFC 3339; engines from 1.44 omit it when unknown (reproducible builds). */
  created?: string
  author?: string
  comment?: string
  architecture: string
  variant?: string
  os: string
  osVersion?: string
  /** Bytes. */
  size: number
  config: {
    user: string
    env: string[]
    cmd: string[]
    entrypoint: string[]
    workingDir: string
    exposedPorts: string[]
    volumes: string[]
    labels: Record<string, string>
    /** ONBUILD triggers: instructions a build that starts FROM this image runs first. */
    onBuild: string[]
    stopSignal?: string
    healthcheck?: string[]
  }
  /** Layer digests, base layer first. */
  layers: string[]
  /** Storage driver (`overlay2`); absent with the containerd image store. */
  graphDriver?: string
  /** When a tag last moved to this image (RFC 3339). */
  lastTagTime?: string
  /** The engine's inspect document exactly as it came, for a "raw JSON" view. */
  raw: unknown
}

/** One layer of `GET /images/{name}/history`, newest first. */
export interface ImageHistoryEntry {
  /** Absent for layers built elsewhere (the engine says `<missing>`). */
  id?: string
  /** Unix seconds. */
  created: number
  /** The Dockerfile instruction that made the layer. */
  createdBy: string
  tags: string[]
  /** Bytes. */
  size: number
  comment: string
}

/** One line of `DELETE /images/{name}` or of an image prune: a tag removed or a layer deleted. */
export type ImageRemoval = { untagged: string } | { deleted: string }

export interface ImagePruneResult {
  /** IDs of deleted images and layers. */
  deleted: string[]
  /** References that were untagged. */
  untagged: string[]
  /** Bytes. */
  spaceReclaimed: number
}
