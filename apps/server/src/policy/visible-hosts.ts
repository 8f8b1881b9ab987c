import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import { type Action, authorize } from './policy.ts'
import type { HostGrant, Principal, Role } from './roles.ts'

/** A host a cross-host view covers, with the caller's grant there (role and label scope). */
export interface VisibleHost {
  host: RegisteredHost
  role: Role
  grant: HostGrant
}

/**
 * The hosts on which the caller may do `action`, judged host by host exactly as a route under
 * `/api/hosts/:hostId` judges it (per-host grants narrow, `none` hides), ordered by name. The
 * cross-host views (all hosts' containers, search) read only these.
 */
export function visibleHosts(
  principal: Principal,
  hosts: HostRegistry,
  action: Action,
): VisibleHost[] {
  return hosts
    .ids()
    .flatMap((id) => {
      const host = hosts.get(id)
      const decision = authorize(principal, action, id)
      if (!host || !decision.allowed) return []
      return [{ host, role: decision.role, grant: decision.grant }]
    })
    .sort((a, b) => a.host.name.localeCompare(b.host.name) || a.host.id.localeCompare(b.host.id))
}
