/**
 * An image reference split as a registry sees it. Docker's rules: the first path component is
 * a registry host when it has a dot or a port or is `localhost`; otherwise the image is on
 * Docker Hub, and a one-component name is in `library/`.
 */
export interface ImageReference {
  /** `docker.io`, `registry.example.com`, `127.0.0.1:5000`. */
  registry: string
  /** The repository on that registry: `library/nginx`, `team/app`. */
  repository: string
  /** Absent when the reference names a digest only. */
  tag?: string
  /** `sha256:...` when the reference pins one (`app@sha256:...`). */
  digest?: string
}

export const DOCKER_HUB = 'docker.io'

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/
const TAG = /^[\w][\w.-]{0,127}$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/

/** Parses `nginx`, `nginx:1.27`, `ghcr.io/o/app:2@sha256:...`; throws on anything else. */
export function parseImageReference(reference: string): ImageReference {
  let rest = reference.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) throw new Error(`"${reference}" has an invalid digest`)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) throw new Error(`"${reference}" has an invalid tag`)
  }
  const components = rest.split('/')
  const first = components[0] ?? ''
  const hasHost =
    components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')
  let registry = hasHost ? first : DOCKER_HUB
  const path = hasHost ? components.slice(1) : components
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB
  if (registry === DOCKER_HUB && path.length === 1) path.unshift('library')
  if (path.length === 0 || !path.every((part) => PATH_COMPONENT.test(part))) {
    throw new Error(`"${reference}" is not an image name`)
  }
  const parsed: ImageReference = { registry, repository: path.join('/') }
  if (tag === undefined && digest === undefined) tag = 'latest'
  if (tag !== undefined) parsed.tag = tag
  if (digest !== undefined) parsed.digest = digest
  return parsed
}

/** The base URL of a registry's API: Docker Hub's API host; plain HTTP on loopback only, as the engine. */
export function defaultEndpoint(registry: string): string {
  if (registry === DOCKER_HUB) return 'https://registry-1.docker.io'
  const host = registry.replace(/:\d+$/, '')
  const loopback = host === 'localhost' || host.startsWith('127.') || host === '[::1]'
  return `${loopback ? 'http' : 'https'}://${registry}`
}
