import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { TrustedProxies } from './trusted-proxies.ts'

/** How a streamed response ended: 200, the error's status and message, or 499 (client left). */
export interface StreamOutcome {
  status: number
  error?: string
}

/** Who is asking, as far as the plumbing cares: the user it logs and counts sockets against. */
export interface Caller {
  readonly userId: string
  /** Set for sessions: the sockets of that session close when it ends. */
  readonly sessionIdHash?: string
  /** Set for API tokens: the sockets of that token close when it is revoked. */
  readonly tokenId?: string
}

/**
 * The variables platform code reads or sets on `c.var`, in its own terms. The app's variables
 * (app-env.ts, which names every service) extend these, so platform middleware runs on every
 * route of the app while platform/ imports nothing of ours.
 */
export interface PlatformVariables {
  requestId: string
  logger: Logger
  /** What the plumbing reads of the configuration. */
  config: { readonly publicOrigin: string; readonly trustedProxies: TrustedProxies }
  principal: Caller | undefined
  /** Set by a streamed response (NDJSON): how the stream ended. */
  streamOutcome: Promise<StreamOutcome> | undefined
}

/** The env of platform middleware (`createMiddleware<PlatformEnv>`). */
export interface PlatformEnv {
  Variables: PlatformVariables
}

/**
 * Any route's context, seen through the variables `V` a function needs. Hono's `Context<E>` is
 * invariant in E (its `set` takes E's variables), so a `Context<PlatformEnv>` parameter would
 * refuse the app's richer contexts. A function generic in the context,
 * `<C extends Context>(c: WithVars<C, V>)`, takes any context whose variables include V and
 * reads them typed.
 */
export type WithVars<C extends Context, V> = C & { readonly var: V }
