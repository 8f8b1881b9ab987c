// oidc-provider ships no types: the little of it the test provider (oidc-provider.ts) uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Record<string, unknown>
  }

  export interface Configuration {
    clients?: Record<string, unknown>[]
    jwks?: { keys: Record<string, unknown>[] }
    findAccount?: (ctx: unknown, id: string) => Account | undefined
    claims?: Record<string, string[]>
    scopes?: string[]
    features?: Record<string, unknown>
    cookies?: { keys: string[] }
    ttl?: Record<string, number>
    pkce?: { required: () => boolean }
    conformIdTokenClaims?: boolean
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
  }
}
