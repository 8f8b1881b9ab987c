import { createHash } from 'node:crypto'
import { type AuthChallenge, parseChallenge } from './challenge.ts'
import { RegistryError, retryAfterMs } from './errors.ts'
import { defaultEndpoint, type ImageReference } from './reference.ts'

/** Every manifest kind a tag can name, so the registry answers with the digest the engine pulled. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ')

export interface RegistryCredentials {
  username: string
  password: string
}

export interface RegistryClientOptions {
  /** Per request (HEAD, token); default 15 s. */
  timeoutMs?: number
  /** The API base URL of a registry (`http://127.0.0.1:5000`); default {@link defaultEndpoint}. */
  endpoint?: (registry: string) => string
  fetch?: typeof fetch
}

export interface ManifestDigest {
  digest: string
  mediaType: string | undefined
}

interface CachedToken {
  token: string
  expiresAt: number
}

const DEFAULT_TIMEOUT_MS = 15_000
/** The distribution spec's floor when a token server does not say how long its token lasts. */
const DEFAULT_TOKEN_SECONDS = 60

/**
 * A client of the distribution API for one question: which digest does a tag name now. It asks
 * with HEAD (which Docker Hub does not count against pull limits), answers 401 challenges with
 * Docker's token flow or basic auth, and keeps tokens until they expire. It knows nothing of
 * hosts, users or HTTP routes.
 */
export class RegistryClient {
  readonly #timeoutMs: number
  readonly #endpoint: (registry: string) => string
  readonly #fetch: typeof fetch
  readonly #tokens = new Map<string, CachedToken>()

  constructor(options: RegistryClientOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#endpoint = options.endpoint ?? defaultEndpoint
    this.#fetch = options.fetch ?? fetch
  }

  /** The digest the registry serves for the reference's tag (or digest). */
  async manifestDigest(
    image: ImageReference,
    credentials?: RegistryCredentials,
  ): Promise<ManifestDigest> {
    const reference = image.digest ?? image.tag ?? 'latest'
    const url = `${this.#endpoint(image.registry)}/v2/${image.repository}/manifests/${reference}`
    const { response, authorization } = await this.#ask(image, url, 'HEAD', credentials)
    return this.#digestOf(response, url, authorization)
  }

  /**
   * When the image a manifest digest names was created, as its config says (`created`, ISO
   * 8601); undefined when it does not say. Costs GETs of the manifest (and, for an index, of
   * the linux/amd64 one, else the first) and of the config blob: Docker Hub counts each
   * manifest GET as a pull, so the caller decides where this is worth it.
   */
  async imageCreated(
    image: ImageReference,
    digest: string,
    credentials?: RegistryCredentials,
  ): Promise<string | undefined> {
    const base = `${this.#endpoint(image.registry)}/v2/${image.repository}`
    let manifest = await this.#json(image, `${base}/manifests/${digest}`, credentials)
    const platform = platformManifest(manifest)
    if (platform !== undefined) {
      manifest = await this.#json(image, `${base}/manifests/${platform}`, credentials)
    }
    const config = configDigest(manifest)
    if (config === undefined) return undefined
    const created = field(
      await this.#json(image, `${base}/blobs/${config}`, credentials),
      'created',
    )
    return typeof created === 'string' && !Number.isNaN(Date.parse(created)) ? created : undefined
  }

  async #json(
    image: ImageReference,
    url: string,
    credentials: RegistryCredentials | undefined,
  ): Promise<unknown> {
    const { response } = await this.#ask(image, url, 'GET', credentials)
    checkStatus(response, url)
    return response.json().catch((): unknown => undefined)
  }

  /** A request with the cached token, or after answering the registry's 401 challenge. */
  async #ask(
    image: ImageReference,
    url: string,
    method: 'HEAD' | 'GET',
    credentials: RegistryCredentials | undefined,
  ): Promise<{ response: Response; authorization: string | undefined }> {
    const scope = `repository:${image.repository}:pull`
    const cacheKey = `${image.registry} ${scope} ${credentials?.username ?? ''}`
    const cached = this.#tokens.get(cacheKey)
    let authorization =
      cached !== undefined && cached.expiresAt > Date.now() ? `Bearer ${cached.token}` : undefined
    let response = await this.#request(url, method, authorization)
    if (response.status === 401) {
      const challenge = parseChallenge(response.headers.get('www-authenticate'))
      authorization = await this.#authorize(challenge, scope, cacheKey, credentials)
      response = await this.#request(url, method, authorization)
    }
    return { response, authorization }
  }

  async #digestOf(
    response: Response,
    url: string,
    authorization: string | undefined,
  ): Promise<ManifestDigest> {
    checkStatus(response, url)
    const mediaType = response.headers.get('content-type')?.split(';')[0] ?? undefined
    const digest = response.headers.get('docker-content-digest')
    if (digest !== null && digest !== '') return { digest, mediaType }
    // The header is optional for registries outside the spec's SHOULD: hash the manifest.
    const body = await this.#request(url, 'GET', authorization)
    checkStatus(body, url)
    const bytes = Buffer.from(await body.arrayBuffer())
    return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, mediaType }
  }

  async #authorize(
    challenge: AuthChallenge | undefined,
    scope: string,
    cacheKey: string,
    credentials: RegistryCredentials | undefined,
  ): Promise<string> {
    if (challenge?.scheme === 'basic') {
      if (credentials === undefined) {
        throw new RegistryError('unauthorized', 'the registry asks for credentials', {
          status: 401,
        })
      }
      return basic(credentials)
    }
    if (challenge?.realm === undefined) {
      throw new RegistryError('protocol', 'the registry answered 401 without a usable challenge', {
        status: 401,
      })
    }
    const { token, expiresInSeconds } = await this.#fetchToken(challenge, scope, credentials)
    this.#tokens.set(cacheKey, { token, expiresAt: Date.now() + expiresInSeconds * 1000 })
    return `Bearer ${token}`
  }

  /** Docker's token flow: GET realm?service=…&scope=…, with basic credentials when we have them. */
  async #fetchToken(
    challenge: AuthChallenge,
    scope: string,
    credentials: RegistryCredentials | undefined,
  ): Promise<{ token: string; expiresInSeconds: number }> {
    const url = new URL(challenge.realm ?? '')
    if (challenge.service !== undefined) url.searchParams.set('service', challenge.service)
    url.searchParams.set('scope', challenge.scope ?? scope)
    const response = await this.#request(
      url.toString(),
      'GET',
      credentials === undefined ? undefined : basic(credentials),
    )
    if (response.status === 401 || response.status === 403) {
      throw new RegistryError('unauthorized', 'the token server refused the credentials', {
        status: response.status,
      })
    }
    checkStatus(response, url.origin + url.pathname)
    const body: unknown = await response.json().catch(() => undefined)
    const token = readToken(body)
    if (token === undefined) {
      throw new RegistryError('protocol', 'the token server answered without a token')
    }
    return token
  }

  async #request(url: string, method: string, authorization?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: MANIFEST_ACCEPT }
    if (authorization !== undefined) headers.authorization = authorization
    try {
      return await this.#fetch(url, {
        method,
        headers,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
    } catch (error) {
      const name = (error as Error).name
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new RegistryError(
          'timeout',
          `no answer from ${new URL(url).host} within ${this.#timeoutMs} ms`,
          {
            cause: error,
          },
        )
      }
      throw new RegistryError(
        'unreachable',
        `cannot reach ${new URL(url).host}: ${describe(error)}`,
        {
          cause: error,
        },
      )
    }
  }
}

function checkStatus(response: Response, url: string): void {
  if (response.ok) return
  const status = response.status
  if (status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'))
    throw new RegistryError('rate-limited', 'the registry is rate limiting us', {
      status,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    })
  }
  if (status === 401 || status === 403) {
    throw new RegistryError('unauthorized', 'the registry refused access', { status })
  }
  if (status === 404) {
    throw new RegistryError('not-found', `${new URL(url).pathname} is not in the registry`, {
      status,
    })
  }
  throw new RegistryError('protocol', `the registry answered ${status}`, { status })
}

function readToken(body: unknown): { token: string; expiresInSeconds: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const fields = body as Record<string, unknown>
  const token = fields.token ?? fields.access_token
  if (typeof token !== 'string' || token === '') return undefined
  const expires = fields.expires_in
  const expiresInSeconds =
    typeof expires === 'number' && expires > 0 ? expires : DEFAULT_TOKEN_SECONDS
  // Ask again a little early so a token never expires between our check and the registry's.
  return { token, expiresInSeconds: Math.max(1, expiresInSeconds - 5) }
}

function basic(credentials: RegistryCredentials): string {
  const pair = `${credentials.username}:${credentials.password}`
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.message : String(error)
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

/** An index's linux/amd64 manifest (else its first that is not an attestation); none for one image. */
function platformManifest(index: unknown): string | undefined {
  const manifests = field(index, 'manifests')
  if (!Array.isArray(manifests)) return undefined
  const entries = manifests.filter(
    (entry) => field(field(entry, 'platform'), 'os') !== 'unknown',
  ) as unknown[]
  const amd64 = entries.find((entry) => {
    const platform = field(entry, 'platform')
    return field(platform, 'os') === 'linux' && field(platform, 'architecture') === 'amd64'
  })
  const digest = field(amd64 ?? entries[0], 'digest')
  return typeof digest === 'string' ? digest : undefined
}

function configDigest(manifest: unknown): string | undefined {
  const digest = field(field(manifest, 'config'), 'digest')
  return typeof digest === 'string' ? digest : undefined
}
