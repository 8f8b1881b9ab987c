import { createHash } from 'node:crypto'
import type { ComposeNetwork, ComposeService, ComposeVolume } from '@harbormaster/compose'
import { COMPOSE } from './compose-labels.ts'

/**
 * The compose release whose names, labels and behaviour stacks follow, written in
 * `com.docker.compose.version` as the CLI writes its own version: the CLI reads the label only to
 * show it, so a project we made and one it made look alike to it.
 */
export const COMPOSE_VERSION = '2.24.0'

/** `<project>-<service>-<n>`, compose v2's container name. */
export function containerName(project: string, service: string, number: number): string {
  return `${project}-${service}-${number}`
}

/**
 * The service's configuration hash: SHA-256 over a canonical JSON (keys sorted) of the normalised
 * service without what compose leaves out of its own hash (`ServiceHash` in docker/compose
 * `pkg/compose/hash.go`: build, pull policy, scale and replicas, depends_on, profiles). It is
 * compose's hash in spirit only: compose-go hashes its own Go structure, so a container the CLI
 * made has another hash and is recreated once by our first `up` of its project.
 *
 * `fileDigests` are the digests of the service's secrets' and configs' content, in grant order:
 * their content is copied into the container when it is made, so a changed file must make a new
 * container (as compose's hash does for `content` secrets). A service without any keeps the hash
 * it had before files were copied.
 */
export function configHash(service: ComposeService, fileDigests: readonly string[] = []): string {
  const hashed: Partial<ComposeService> & { fileDigests?: readonly string[] } = { ...service }
  delete hashed.build
  delete hashed.pullPolicy
  delete hashed.replicas
  delete hashed.dependsOn
  delete hashed.profiles
  if (fileDigests.length > 0) hashed.fileDigests = fileDigests
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex')
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}

/** `com.docker.compose.depends_on`: `service:condition:restart`, joined by `,`, by name. */
export function dependsOnLabel(service: ComposeService): string {
  return Object.entries(service.dependsOn)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dep]) => `${name}:${dep.condition}:${String(dep.restart)}`)
    .join(',')
}

export interface ContainerIdentity {
  project: string
  service: ComposeService
  number: number
  hash: string
  /** The image id the container is created from (`com.docker.compose.image`). */
  imageId: string
  /** The stack's directory: the project's working dir, with its compose file in it. */
  stackDir: string
  configFile: string
}

/** The labels the compose CLI writes on a service's container (docker/compose `pkg/api/labels.go`). */
export function containerLabels(id: ContainerIdentity): Record<string, string> {
  return {
    [COMPOSE.project]: id.project,
    [COMPOSE.service]: id.service.name,
    [COMPOSE.containerNumber]: String(id.number),
    [COMPOSE.oneoff]: 'False',
    [COMPOSE.configHash]: id.hash,
    [COMPOSE.workingDir]: id.stackDir,
    [COMPOSE.configFiles]: id.configFile,
    [COMPOSE.dependsOn]: dependsOnLabel(id.service),
    [COMPOSE.image]: id.imageId,
    [COMPOSE.version]: COMPOSE_VERSION,
  }
}

/** A network's labels: the file's, then the project's and the network's key. */
export function networkLabels(project: string, key: string, network: ComposeNetwork) {
  return {
    ...network.labels,
    [COMPOSE.project]: project,
    [COMPOSE.network]: key,
    [COMPOSE.version]: COMPOSE_VERSION,
  }
}

/** A volume's labels: the file's, then the project's and the volume's key. */
export function volumeLabels(project: string, key: string, volume: ComposeVolume) {
  return {
    ...volume.labels,
    [COMPOSE.project]: project,
    [COMPOSE.volume]: key,
    [COMPOSE.version]: COMPOSE_VERSION,
  }
}
