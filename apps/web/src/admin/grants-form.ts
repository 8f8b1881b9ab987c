import { type UserHostGrant, type UserRole, userHostGrantSchema } from '@harbormaster/contract'

type HostRole = UserHostGrant['role']

/** One host's line in the access editor; 'default' means no grant (the user's own role). */
export interface GrantRow {
  hostId: string
  role: 'default' | HostRole
  labelScope: string
}

const RANK: Record<HostRole, number> = { none: 0, viewer: 1, operator: 2, admin: 3 }

/**
 * The roles a grant may give this user. A grant only narrows (the server takes the lower of the
 * user's role and the grant's), so roles above the user's own would not do what they say.
 */
export function grantRolesFor(userRole: UserRole): HostRole[] {
  return (['none', 'viewer', 'operator', 'admin'] as const).filter((r) => RANK[r] <= RANK[userRole])
}

/** A row per known host, then one per grant on a host that is no longer registered (kept). */
export function grantRowsOf(
  grants: readonly UserHostGrant[],
  hostIds: readonly string[],
): GrantRow[] {
  const byHost = new Map(grants.map((g) => [g.hostId, g]))
  const ids = [...hostIds, ...grants.map((g) => g.hostId).filter((id) => !hostIds.includes(id))]
  return ids.map((hostId) => {
    const grant = byHost.get(hostId)
    return {
      hostId,
      role: grant?.role ?? 'default',
      labelScope: grant?.labelScope ?? '',
    }
  })
}

/**
 * The rows as the user's grants (what PATCH /api/users/:id replaces them with), or the problems
 * by host id. A label scope with the default role narrows to the scope at the user's own role.
 */
export function toHostGrants(
  rows: readonly GrantRow[],
  userRole: UserRole,
): { grants?: UserHostGrant[]; errors: Record<string, string> } {
  const grants: UserHostGrant[] = []
  const errors: Record<string, string> = {}
  for (const row of rows) {
    const scope = row.labelScope.trim()
    if (row.role === 'default' && scope === '') continue
    const role = row.role === 'default' ? userRole : row.role
    const candidate = {
      hostId: row.hostId,
      role,
      ...(scope === '' || role === 'none' ? {} : { labelScope: scope }),
    }
    const parsed = userHostGrantSchema.safeParse(candidate)
    if (parsed.success) grants.push(parsed.data)
    else errors[row.hostId] = parsed.error.issues.map((i) => i.message).join('; ')
  }
  return Object.keys(errors).length > 0 ? { errors } : { grants, errors }
}

/** One grant in a few words, for the user list. */
export function describeGrant(grant: UserHostGrant): string {
  const access = grant.role === 'none' ? 'no access' : grant.role
  return `${grant.hostId}: ${access}${grant.labelScope === undefined ? '' : ` (${grant.labelScope})`}`
}
