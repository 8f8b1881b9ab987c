import { type UserHostGrant, userHostGrantSchema } from '@harbormaster/contract'
import { ROLES, type Role, roleRank } from '../../policy/roles.ts'

/** `group=role`: members of the group get the role; `*` matches everyone. */
export interface RoleRule {
  group: string
  role: Role
}

/** `group=host:role[:label scope]`: members get that role (and scope) on the host. */
export interface HostRoleRule {
  group: string
  grant: UserHostGrant
}

const ANY_GROUP = '*'

/**
 * Entries are separated by commas, or by semicolons when there is one: LDAP-style group names
 * (`cn=ops,ou=groups`) carry commas of their own.
 */
function entriesOf(text: string): string[] {
  const separator = text.includes(';') ? ';' : ','
  return text
    .split(separator)
    .map((entry) => entry.trim())
    .filter(Boolean)
}

/** HARBORMASTER_OIDC_ROLE_MAP, e.g. `hm-admins=admin,hm-ops=operator,*=viewer`. */
export function parseRoleMap(text: string): RoleRule[] {
  return entriesOf(text).map((entry) => {
    // The last "=": group names may hold one, role names never do.
    const split = entry.lastIndexOf('=')
    const group = entry.slice(0, split).trim()
    const role = entry.slice(split + 1).trim()
    if (split <= 0 || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_OIDC_ROLE_MAP: "${entry}" is not group=admin|operator|viewer`,
      )
    }
    return { group, role: role as Role }
  })
}

const HOST_RULE = /^(.+)=([a-z0-9][a-z0-9-]*):(none|viewer|operator|admin)(?::(.+))?$/

/** HARBORMASTER_OIDC_HOST_ROLE_MAP, e.g. `hm-web=prod:operator:team=web,*=prod:viewer`. */
export function parseHostRoleMap(text: string): HostRoleRule[] {
  return entriesOf(text).map((entry) => {
    const match = HOST_RULE.exec(entry)
    const grant = userHostGrantSchema.safeParse(
      match && {
        hostId: match[2],
        role: match[3],
        ...(match[4] === undefined ? {} : { labelScope: match[4] }),
      },
    )
    if (!match?.[1] || !grant.success) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_OIDC_HOST_ROLE_MAP: "${entry}" is not group=host:role[:label]`,
      )
    }
    return { group: match[1].trim(), grant: grant.data }
  })
}

const applies = (group: string, groups: ReadonlySet<string>) =>
  group === ANY_GROUP || groups.has(group)

/** The highest role any of the user's groups maps to; undefined when none does. */
export function roleFor(rules: readonly RoleRule[], groups: ReadonlySet<string>): Role | undefined {
  let best: Role | undefined
  for (const rule of rules) {
    if (!applies(rule.group, groups)) continue
    if (best === undefined || roleRank(rule.role) > roleRank(best)) best = rule.role
  }
  return best
}

/**
 * One grant per host: of the rules that apply, the highest role wins, and between equal roles
 * the one without a label scope (it sees more): a second group never narrows what a first gives.
 */
export function hostGrantsFor(
  rules: readonly HostRoleRule[],
  groups: ReadonlySet<string>,
): UserHostGrant[] {
  const byHost = new Map<string, UserHostGrant>()
  for (const { group, grant } of rules) {
    if (!applies(group, groups)) continue
    const current = byHost.get(grant.hostId)
    if (current === undefined || wider(grant, current)) byHost.set(grant.hostId, grant)
  }
  return [...byHost.values()].sort((a, b) => a.hostId.localeCompare(b.hostId))
}

function wider(a: UserHostGrant, b: UserHostGrant): boolean {
  const rank = roleRank(a.role) - roleRank(b.role)
  if (rank !== 0) return rank > 0
  return a.labelScope === undefined && b.labelScope !== undefined
}
