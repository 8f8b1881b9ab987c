import type { Context } from 'hono'
import type { Db } from '../db/database.ts'
import type { AppEnv } from '../platform/app-env.ts'
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.ts'
import { SessionStore } from './sessions.ts'
import { SetupCode } from './setup-code.ts'
import { TokenStore } from './tokens.ts'
import { UserStore } from './users.ts'

/** The defaults of HARBORMASTER_SESSION_IDLE_MINUTES and HARBORMASTER_SESSION_MAX_HOURS. */
const DEFAULT_SESSION_IDLE_MINUTES = 720
const DEFAULT_SESSION_MAX_HOURS = 168

export interface AuthOptions {
  /** From the configuration (config.ts); tests give their own. */
  sessionIdleMinutes?: number
  sessionMaxHours?: number
  /** Overrides `c.var.config.secureCookies` (tests without a config). */
  secureCookies?: boolean
  throttle?: LoginThrottleOptions
  /** A clock for tests; also passed to the throttle unless it has its own. */
  now?: () => number
}

/** The stateful parts of auth that must outlive a request: session lifetimes, the throttle. */
export interface AuthServices {
  users: UserStore
  sessions: SessionStore
  tokens: TokenStore
  throttle: LoginThrottle
  /** Opens first-run setup; issued at start while there are no users (openSetup). */
  setupCode: SetupCode
  /** Set only to override `c.var.config.secureCookies`. */
  secureCookies: boolean | undefined
  /** Cookie Max-Age: the absolute session lifetime. */
  sessionMaxSeconds: number
}

// Keyed by database so every app (and every test's temporary database) gets its own throttle.
const byDb = new WeakMap<Db, AuthServices>()

/**
 * Creates the auth services for a database (replacing any before). Call once at start-up, or
 * rely on the defaults that `authServices()` creates on first use.
 */
export function initAuthServices(db: Db, options: AuthOptions = {}): AuthServices {
  const idleMinutes = options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES
  const maxHours = options.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS
  const clock = options.now === undefined ? {} : { now: options.now }
  const services: AuthServices = {
    users: new UserStore(db, clock),
    sessions: new SessionStore(db, {
      ...clock,
      idleMs: idleMinutes * 60_000,
      maxMs: maxHours * 3_600_000,
    }),
    tokens: new TokenStore(db, clock),
    throttle: new LoginThrottle({ ...clock, ...options.throttle }),
    setupCode: new SetupCode(),
    secureCookies: options.secureCookies,
    sessionMaxSeconds: maxHours * 3600,
  }
  byDb.set(db, services)
  return services
}

export function authServices(db: Db): AuthServices {
  return byDb.get(db) ?? initAuthServices(db)
}

// TODO(#3): read from c.var once AppServices carries the auth services.
export const servicesOf = (c: Context<AppEnv>) => authServices(c.var.db)
