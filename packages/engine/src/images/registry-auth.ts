/**
 * Credentials for a registry, as `X-Registry-Auth` carries them (docs/engine.md#registry-credentials).
 * `serveraddress` is a host (`registry.example.com:5000`), without a scheme.
 */
export type RegistryAuth =
  | { username: string; password: string; serveraddress?: string }
  | { identitytoken: string; serveraddress?: string }

/**
 * Encodes credentials for `X-Registry-Auth`: base64url of the JSON, with the `=` padding that
 * Node's `base64url` drops put back, because the engine decodes with Go's padded URL alphabet and
 * silently treats an undecodable header as "no credentials" (docs/engine.md#registry-credentials, moby#33434).
 * The result is a secret: never log it.
 */
export function encodeRegistryAuth(auth: RegistryAuth | Record<string, never>): string {
  return padBase64(Buffer.from(JSON.stringify(auth), 'utf8').toString('base64url'))
}

/**
 * Encodes `X-Registry-Config` for builds: a map from registry to credentials. Docker Hub's key
 * must be `https://index.docker.io/v1/` (docs/engine.md#registry-credentials).
 */
export function encodeRegistryConfig(config: Record<string, RegistryAuth>): string {
  return padBase64(Buffer.from(JSON.stringify(config), 'utf8').toString('base64url'))
}

function padBase64(text: string): string {
  return text + '='.repeat((4 - (text.length % 4)) % 4)
}
