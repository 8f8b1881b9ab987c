import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration } from 'oidc-provider'

/** A user of the test provider: `login` is what its login page takes (and the `sub`). */
export interface ProviderAccount {
  login: string
  username: string
  email: string
  /** Changed by tests between sign-ins: the provider reads it at each token. */
  groups: string[]
}

export interface ClientUris {
  redirectUris: string[]
  postLogoutRedirectUris: string[]
}

export interface TestOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, ProviderAccount>
  /** How many times a relying party fetched the JWKS. */
  readonly jwksRequests: number
  /** Signs every later token with a new key (new `kid`); the old one is no longer published. */
  rotateKeys(): void
  /** Where the client may be sent back, once its address is known (a server on a free port). */
  registerClient(client: ClientUris): void
  close(): Promise<void>
}

const signingKey = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' }
}

/** The provider's view of an account; its claims are read at each token. */
function findAccount(accounts: ReadonlyMap<string, ProviderAccount>, id: string) {
  const account = accounts.get(id)
  if (!account) return undefined
  return {
    accountId: id,
    // Read at each token: a group change shows at the next sign-in.
    claims: () => ({
      sub: id,
      preferred_username: account.username,
      email: account.email,
      groups: [...account.groups],
    }),
  }
}

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port, for the single
 * sign-on tests: one confidential client, two users (alice in hm-admins, bob in hm-ops) with a
 * groups claim, its development login and consent pages, RP-initiated logout, and key rotation
 * by swapping the provider for one with a new key (its grants and sessions live in the
 * package's in-memory store, which both share).
 */
export async function startOidcProvider(
  client: ClientUris = { redirectUris: [], postLogoutRedirectUris: [] },
): Promise<TestOidcProvider> {
  const accounts = new Map<string, ProviderAccount>([
    [
      'alice',
      { login: 'alice', username: 'alice', email: 'alice@example.test', groups: ['hm-admins'] },
    ],
    ['bob', { login: 'bob', username: 'bob', email: 'bob@example.test', groups: ['hm-ops'] }],
  ])
  const clientId = 'harbormaster'
  const clientSecret = randomUUID()
  let jwksRequests = 0
  let uris = client
  let key = signingKey()
  let provider: Provider | undefined
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/jwks') === true) jwksRequests++
    if (!provider) throw new Error('the test provider is not ready')
    provider.callback()(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const configuration = (): Configuration => ({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: uris.redirectUris,
        post_logout_redirect_uris: uris.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [key] },
    findAccount: (_ctx, id) => findAccount(accounts, id),
    claims: {
      openid: ['sub'],
      profile: ['preferred_username'],
      email: ['email'],
      groups: ['groups'],
    },
    scopes: ['openid', 'profile', 'email', 'groups'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // Constant, so an interaction begun before a key rotation still reads its cookies after it.
    cookies: { keys: ['harbormaster-test-provider'] },
  })
  provider = new Provider(issuer, configuration())
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    get jwksRequests() {
      return jwksRequests
    },
    rotateKeys() {
      key = signingKey()
      provider = new Provider(issuer, configuration())
    },
    registerClient(next) {
      uris = next
      provider = new Provider(issuer, configuration())
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
}
