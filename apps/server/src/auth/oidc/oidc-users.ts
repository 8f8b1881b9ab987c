import { usernameSchema } from '@harbormaster/contract'
import type { Db } from '../../db/database.ts'
import type { UserRecord, UserStore } from '../users.ts'
import type { OidcConfig } from './oidc-config.ts'
import { OidcSignInError } from './oidc-errors.ts'
import type { OidcIdentity } from './oidc-sign-in.ts'
import { hostGrantsFor, roleFor } from './role-map.ts'

/**
 * A first sign-in when no role map is configured: a disabled viewer an admin enables (and
 * raises). Letting them in at once would let anyone the provider knows in — with Google, anyone
 * with a Google account.
 */
const AWAITING_APPROVAL = 'viewer'

/**
 * The user an identity signs in as: found by its subject (never by name: a local account named
 * like the provider's user is someone else), created on first sign-in when allowed, and given
 * the roles its groups map to at every sign-in. A role that changes bumps the credential version,
 * which ends the user's other sessions and sockets.
 *
 * @throws {OidcSignInError} unknown_user, no_role, awaiting_approval or disabled.
 */
export function signInUser(
  db: Db,
  users: UserStore,
  config: OidcConfig,
  identity: OidcIdentity,
): UserRecord {
  const mappedRole = config.roleMap.length > 0 ? roleFor(config.roleMap, identity.groups) : null
  if (mappedRole === undefined) {
    throw new OidcSignInError('no_role', 'none of the user’s groups maps to a role')
  }
  const mappedGrants =
    config.hostRoleMap.length > 0 ? hostGrantsFor(config.hostRoleMap, identity.groups) : null
  const known = findBySubject(db, users, identity.subject)
  if (!known) {
    if (!config.createUsers) {
      throw new OidcSignInError('unknown_user', 'unknown users are not created')
    }
    const created = createUser(db, users, identity, {
      role: mappedRole ?? AWAITING_APPROVAL,
      hostGrants: mappedGrants ?? [],
      disabled: mappedRole === null,
    })
    if (!created.disabled) return created
    throw new OidcSignInError('awaiting_approval', 'no role map: an admin enables new users')
  }
  if (known.disabled) {
    // Never enabled since its first sign-in: still waiting for an admin, not switched off.
    const waiting = known.createdAt === known.updatedAt
    if (waiting) throw new OidcSignInError('awaiting_approval', 'an admin has not enabled it yet')
    throw new OidcSignInError('disabled', 'the account is disabled')
  }
  let user: UserRecord | undefined = known
  if (mappedRole !== null && mappedRole !== user.role) {
    user = users.update(user.id, { role: mappedRole })
  }
  if (user && mappedGrants !== null && !sameGrants(user.hostGrants, mappedGrants)) {
    user = users.setHostGrants(user.id, mappedGrants)
  }
  if (!user) throw new OidcSignInError('unknown_user', 'the account was deleted meanwhile')
  return user
}

function findBySubject(db: Db, users: UserStore, subject: string): UserRecord | undefined {
  const row = db
    .prepare<[string], { id: string }>(`SELECT id FROM users WHERE oidc_subject = ?`)
    .get(subject)
  return row && users.get(row.id)
}

function createUser(
  db: Db,
  users: UserStore,
  identity: OidcIdentity,
  access: Pick<UserRecord, 'role' | 'hostGrants' | 'disabled'>,
): UserRecord {
  const create = db.transaction(() => {
    const username = freeUsername(users, identity.username)
    // '' is no stored hash: a password sign-in as this user never succeeds.
    const { disabled, ...rest } = access
    const user = users.create({ username, passwordHash: '', ...rest })
    db.prepare(`UPDATE users SET oidc_subject = ?, disabled = ? WHERE id = ?`).run(
      identity.subject,
      Number(disabled),
      user.id,
    )
    return users.get(user.id) ?? user
  })
  return create()
}

/**
 * The wished-for name made valid (usernameSchema) and free: characters we do not allow become
 * "-", and a taken name gets "-2", "-3"... A local account keeps its name and stays apart.
 */
export function freeUsername(users: UserStore, wish: string): string {
  let base = wish
    .normalize('NFKD')
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .slice(0, 60)
  if (!usernameSchema.safeParse(base).success) base = `user-${base}`.slice(0, 60)
  if (!usernameSchema.safeParse(base).success) base = 'user'
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!users.getByUsername(candidate)) return candidate
  }
}

function sameGrants(a: UserRecord['hostGrants'], b: UserRecord['hostGrants']): boolean {
  const key = (grants: UserRecord['hostGrants']) =>
    JSON.stringify(
      [...grants]
        .sort((x, y) => x.hostId.localeCompare(y.hostId))
        .map((g) => [g.hostId, g.role, g.labelScope ?? null]),
    )
  return key(a) === key(b)
}
