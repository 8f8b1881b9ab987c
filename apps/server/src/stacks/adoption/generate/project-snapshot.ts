import type {
  ContainerDetails,
  ContainerSettings,
  HealthcheckSettings,
  ImageDetails,
  Network,
  Volume,
} from '@harbormaster/engine'

/** One container of the project, as inspect gives it. */
export interface ContainerSnapshot {
  details: ContainerDetails
  settings: ContainerSettings
}

/** What a container inherits from its image, to tell apart what was asked for at create. */
export interface ImageSnapshot {
  config: ImageDetails['config']
  healthcheck?: HealthcheckSettings | undefined
}

/**
 * Everything the generator reads: the project's containers, their images (by image id; a
 * missing one is an image removed since), and the networks and volumes they use, inspected.
 */
export interface ProjectSnapshot {
  project: string
  containers: ContainerSnapshot[]
  images: ReadonlyMap<string, ImageSnapshot>
  networks: readonly Network[]
  volumes: readonly Volume[]
  /** The daemon's default log driver (`docker info`): a container using it says nothing. */
  defaultLogDriver: string
}

export interface GenerateOptions {
  /**
   * Environment variables whose values belong in the `.env`, not in the compose file: the host's
   * secret patterns, so the file can be shown and the `.env` masked as container env is.
   */
  isSecret: (key: string) => boolean
}

/** A variable of the generated `.env` and the container variable it holds the value of. */
export interface GeneratedVariable {
  name: string
  key: string
  value: string
}

export interface GeneratedCompose {
  /** The compose document, keys in the order people write them. */
  document: Record<string, unknown>
  compose: string
  env: string
  variables: GeneratedVariable[]
  /** What the file cannot reproduce, for the reviewer. */
  notes: string[]
}
