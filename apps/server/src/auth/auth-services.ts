import type { Db } from '../db/database.ts'
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.ts'
import { PasskeyCeremonies } from './passkeys/ceremonies.ts'
import { PasskeyStore } from './passkeys/passkey-store.ts'
import type { OidcConfig } from './oidc/oidc-config.ts'
import { OidcSignIn } from './oidc/oidc-sign-in.ts'
import { SignInChallenges } from './second-factor/challenges.ts'
import { SecondFactors } from './second-factor/second-factors.ts'
import { SessionStore } from './sessions.ts'
import { SetupCode } from './setup-code.ts'
import { AuthSettingsStore } from './settings/auth-settings.ts'
import { TokenStore } from './tokens.ts'
import { RecoveryCodeStore } from './totp/recovery-codes.ts'
import { TotpStore } from './totp/totp-store.ts'
import type { UserEvents } from './user-events.ts'
import { UserStore } from './users.ts'

/** The defaults of HARBORMASTER_SESSION_IDLE_MINUTES and HARBORMASTER_SESSION_MAX_HOURS. */
const DEFAULT_SESSION_IDLE_MINUTES = 720
const DEFAULT_SESSION_MAX_HOURS = 168

export interface AuthOptions {
  /** From the configuration (config.ts); tests give their own. */
  sessionIdleMinutes?: number
  sessionMaxHours?: number
  /** Overrides `c.var.config.secureCookies` (tests of cookie names over plain HTTP). */
  secureCookies?: boolean
  throttle?: LoginThrottleOptions
  /** A clock for tests; also passed to the throttle unless it has its own. */
  now?: () => number
  /** Single sign-on (HARBORMASTER_OIDC_*), when configured. */
  oidc?: OidcConfig | undefined
}

/** The stateful parts of auth that must outlive a request: session lifetimes, the throttle. */
export interface AuthServices {
  users: UserStore
  sessions: SessionStore
  tokens: TokenStore
  throttle: LoginThrottle
  /** The server-wide sign-in rules (password sign-in, roles that need a second factor). */
  settings: AuthSettingsStore
  /** Password sign-ins waiting for their second factor. */
  challenges: SignInChallenges
  /** Which second factors each user has. */
  secondFactors: SecondFactors
  /** Users' passkeys, and the WebAuthn challenges handed out and not yet answered. */
  passkeys: PasskeyStore
  passkeyCeremonies: PasskeyCeremonies
  /** Authenticator-app secrets (TOTP) and the one-time recovery codes. */
  totp: TotpStore
  recoveryCodes: RecoveryCodeStore
  /** Single sign-on with the configured OpenID provider; undefined when not configured. */
  oidc: OidcSignIn | undefined
  /** Opens first-run setup; issued at start while there are no users (openSetup). */
  setupCode: SetupCode
  /** Set only to override `c.var.config.secureCookies`. */
  secureCookies: boolean | undefined
  /** Cookie Max-Age: the absolute session lifetime. */
  sessionMaxSeconds: number
}

/**
 * Creates the auth services of one app (`AppServices.auth`, built once in services.ts): its
 * stores announce credential changes on `events`.
 */
export function createAuthServices(
  db: Db,
  events: UserEvents,
  options: AuthOptions = {},
): AuthServices {
  const idleMinutes = options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES
  const maxHours = options.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS
  const clock = options.now === undefined ? {} : { now: options.now }
  return {
    users: new UserStore(db, { ...clock, events }),
    sessions: new SessionStore(db, {
      ...clock,
      events,
      idleMs: idleMinutes * 60_000,
      maxMs: maxHours * 3_600_000,
    }),
    tokens: new TokenStore(db, { ...clock, events }),
    throttle: new LoginThrottle({ ...clock, ...options.throttle }),
    settings: new AuthSettingsStore(db, clock),
    challenges: new SignInChallenges(db, clock),
    secondFactors: new SecondFactors(db),
    passkeys: new PasskeyStore(db, clock),
    passkeyCeremonies: new PasskeyCeremonies(clock),
    totp: new TotpStore(db, clock),
    recoveryCodes: new RecoveryCodeStore(db, clock),
    setupCode: new SetupCode(),
    oidc: options.oidc === undefined ? undefined : new OidcSignIn(options.oidc, clock),
    secureCookies: options.secureCookies,
    sessionMaxSeconds: maxHours * 3600,
  }
}
