/** The three team roles, from least to most powerful. */
export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** A role on one host; 'none' hides the host from the user entirely. */
export type HostRole = Role | 'none'

export function roleRank(role: HostRole): number {
  return role === 'none' ? -1 : ROLES.indexOf(role)
}

/** The lower of two roles: a per-host grant can narrow a user's role, never raise it. */
export function lowerRole(a: HostRole, b: HostRole): HostRole {
  return roleRank(a) <= roleRank(b) ? a : b
}

export interface HostGrant {
  role: HostRole
  /** A label selector, `key` or `key=value`: the user sees only objects carrying it. */
  labelScope?: string | undefined
}

/** Who is asking: resolved once per request (or socket) from a session or an API token. */
export interface Principal {
  userId: string
  username: string
  role: Role
  /** Per-host narrowing; hosts without an entry get the global role. */
  hostGrants: ReadonlyMap<string, HostGrant>
  /** Snapshot of the user's credential version: a change ends sessions and sockets. */
  credentialVersion: number
  via: 'session' | 'token'
  /** Set for sessions: the hashed session id, so logout can end exactly this one. */
  sessionIdHash?: string
  /** Set for sessions: how it was signed in (logout after single sign-on ends the provider's). */
  signInMethod?: 'password' | 'passkey' | 'oidc' | 'setup'
  /** Set for sessions whose sign-in passed a second factor: which one. */
  signInSecondFactor?: 'totp' | 'recovery' | 'passkey'
  /** Set for API tokens: the token's id, so revoking it ends exactly its sockets. */
  tokenId?: string
  /**
   * Their role requires a second factor they do not have: only enrolment is allowed until they
   * enrol one (authorize refuses every other action).
   */
  mustEnrolSecondFactor?: boolean
}
