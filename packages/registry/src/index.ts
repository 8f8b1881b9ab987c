export { type AuthChallenge, parseChallenge } from './challenge.ts'
export {
  MANIFEST_ACCEPT,
  type ManifestDigest,
  RegistryClient,
  type RegistryClientOptions,
  type RegistryCredentials,
} from './client.ts'
export { RegistryError, type RegistryErrorKind, retryAfterMs } from './errors.ts'
export {
  defaultEndpoint,
  DOCKER_HUB,
  type ImageReference,
  parseImageReference,
} from './reference.ts'
