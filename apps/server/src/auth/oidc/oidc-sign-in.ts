import { randomBytes } from 'node:crypto'
import * as client from 'openid-client'
import { claimText, groupsOf } from './claims.ts'
import type { OidcConfig } from './oidc-config.ts'
import { OidcSignInError } from './oidc-errors.ts'

/** What the provider vouched for: the stable subject and what the roles are mapped from. */
export interface OidcIdentity {
  /** `<issuer> <sub>`: the only identity an ID token guarantees stable. */
  subject: string
  /** The username claim, or the e-mail's local part, or the `sub`: a wish, made valid later. */
  username: string
  groups: ReadonlySet<string>
}

interface PendingSignIn {
  state: string
  nonce: string
  codeVerifier: string
  expiresAt: number
}

/** How long the provider's pages may take (login, consent, a second factor there). */
const PENDING_TTL_MS = 10 * 60_000
/** A bound on memory: anyone may start a sign-in, so an unbounded map would be a way in. */
const PENDING_MAX = 10_000

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The relying party: discovery (once, retried after a failure), the authorization code flow with
 * PKCE, state and nonce, and the ID token's checks (issuer, audience, expiry, nonce, and its
 * signature through the provider's JWKS, refetched on an unknown key id). The state, nonce and
 * code verifier stay here, keyed by a random id the browser holds in a cookie.
 */
export class OidcSignIn {
  readonly #config: OidcConfig
  readonly #now: () => number
  readonly #pending = new Map<string, PendingSignIn>()
  #discovered: Promise<client.Configuration> | undefined

  /** `now`: the server's clock (tests run it ahead to see an ID token expire). */
  constructor(config: OidcConfig, options: { now?: () => number } = {}) {
    this.#config = config
    this.#now = options.now ?? Date.now
  }

  get name(): string {
    return this.#config.name
  }

  get settings(): OidcConfig {
    return this.#config
  }

  /** A new sign-in: the id for the browser's cookie and the provider's authorization URL. */
  async begin(): Promise<{ id: string; url: URL; maxAgeSeconds: number }> {
    const configuration = await this.#configuration()
    const codeVerifier = client.randomPKCECodeVerifier()
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      expiresAt: this.#now() + PENDING_TTL_MS,
    }
    const id = randomBytes(24).toString('base64url')
    this.#remember(id, pending)
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.#config.redirectUri,
      scope: this.#config.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    })
    return { id, url, maxAgeSeconds: PENDING_TTL_MS / 1000 }
  }

  /**
   * Completes the sign-in `id` with the provider's answer (the callback's query). The pending
   * sign-in is used up whatever happens: a replay finds nothing.
   *
   * @throws {OidcSignInError} with a short code the sign-in page explains.
   */
  async complete(id: string | undefined, query: URLSearchParams): Promise<OidcIdentity> {
    const pending = id === undefined ? undefined : this.#take(id)
    if (!pending) throw new OidcSignInError('expired', 'no sign-in in progress in this browser')
    const providerError = query.get('error')
    if (providerError !== null) {
      const description = query.get('error_description') ?? ''
      throw new OidcSignInError('provider', `${providerError} ${description}`.trim())
    }
    if (query.get('state') !== pending.state) {
      throw new OidcSignInError('state', 'the state does not match this browser’s sign-in')
    }
    const configuration = await this.#configuration()
    // The registered redirect URI, not the URL this request came in at (a proxy may rewrite it).
    const callback = new URL(this.#config.redirectUri)
    callback.search = query.toString()
    const tokens = await client
      .authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw new OidcSignInError('token', errorText(error), { cause: error })
      })
    const claims = tokens.claims()
    if (!claims) throw new OidcSignInError('token', 'the provider sent no ID token')
    return this.#identity(configuration, tokens.access_token, { ...claims })
  }

  /**
   * Where to send the browser to sign out at the provider too (RP-initiated logout), when its
   * metadata names an end_session_endpoint. The ID token is not kept, so `client_id` says who.
   */
  async endSessionUrl(): Promise<string | undefined> {
    const configuration = await this.#configuration().catch(() => undefined)
    if (!configuration?.serverMetadata().end_session_endpoint) return undefined
    return client
      .buildEndSessionUrl(configuration, {
        client_id: this.#config.clientId,
        post_logout_redirect_uri: this.#config.postLogoutRedirectUri,
      })
      .toString()
  }

  /** Groups and username from the ID token, or from userinfo when the token lacks them. */
  async #identity(
    configuration: client.Configuration,
    accessToken: string,
    claims: Record<string, unknown>,
  ): Promise<OidcIdentity> {
    const { groupsClaim, usernameClaim } = this.#config
    const sub = String(claims.sub)
    const lacking = groupsOf(claims, groupsClaim) === undefined || !claimText(claims, usernameClaim)
    if (lacking && configuration.serverMetadata().userinfo_endpoint !== undefined) {
      const info = await client.fetchUserInfo(configuration, accessToken, sub).catch(() => ({}))
      // The ID token's claims win: they are the signed ones.
      claims = { ...info, ...claims }
    }
    const email = claimText(claims, 'email')
    return {
      subject: `${String(claims.iss)} ${sub}`,
      username: claimText(claims, usernameClaim) ?? email?.split('@')[0] ?? sub,
      groups: new Set(groupsOf(claims, groupsClaim) ?? []),
    }
  }

  #configuration(): Promise<client.Configuration> {
    this.#discovered ??= this.#discover().catch((error: unknown) => {
      // Not cached: the next sign-in tries again (the provider may have been restarting).
      this.#discovered = undefined
      throw new OidcSignInError('unavailable', errorText(error), { cause: error })
    })
    return this.#discovered
  }

  async #discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.#config
    const metadata: client.ClientMetadata = {
      client_id: clientId,
      ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
      [client.clockSkew]: Math.round((this.#now() - Date.now()) / 1000),
    }
    // Plain HTTP only to a provider on this machine (tests, a local dev provider).
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
    const configuration = await client.discovery(issuer, clientId, metadata, undefined, {
      // Deprecated only to stand out: loopback providers are the use it is meant for.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    })
    // Verify the ID token's signature through the JWKS even though it came over TLS.
    client.enableNonRepudiationChecks(configuration)
    return configuration
  }

  #remember(id: string, pending: PendingSignIn): void {
    const now = this.#now()
    // Insertion order is expiry order (one TTL): the expired ones are at the front.
    for (const [key, entry] of this.#pending) {
      if (entry.expiresAt > now) break
      this.#pending.delete(key)
    }
    // Oldest first: a flood pushes out its own earliest entries, and the map stays bounded.
    while (this.#pending.size >= PENDING_MAX) {
      const oldest = this.#pending.keys().next().value
      if (oldest === undefined) break
      this.#pending.delete(oldest)
    }
    this.#pending.set(id, pending)
  }

  #take(id: string): PendingSignIn | undefined {
    const pending = this.#pending.get(id)
    this.#pending.delete(id)
    return pending && pending.expiresAt > this.#now() ? pending : undefined
  }
}

/**
 * What went wrong, for the log and the audit: the library's fixed messages (its own and its
 * cause's, which names the claim) and the provider's OAuth error code, never a response body.
 */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const parts = [error.message]
  if ('error' in error && typeof error.error === 'string') parts.push(error.error)
  if (error.cause instanceof Error) parts.push(error.cause.message)
  return parts.join(': ')
}
