import {
  type HostGrant,
  type HostRole,
  type Principal,
  type Role,
  lowerRole,
  roleRank,
} from './roles.ts'

/**
 * Every action a request can ask for, and the least role that may do it. This table is the
 * whole of "who may do what": routes name an action, `authorize` decides. A route without an
 * action cannot be written (see require-action.ts), and the route-inventory test checks each.
 * What a handler allows beyond its route's action is an action here too, asked with `may`:
 * code outside policy/ and auth/ names no role (a lint rule, tested in policy.test.ts).
 */
export const ACTIONS = {
  // Host-scoped reads: any role with access to the host.
  'host.view': 'viewer',
  'container.read': 'viewer',
  'container.logs': 'viewer',
  'container.stats': 'viewer',
  'image.read': 'viewer',
  'network.read': 'viewer',
  'volume.read': 'viewer',
  'system.read': 'viewer',
  'swarm.read': 'viewer',
  'stack.read': 'viewer',
  // The views across hosts (every host's containers, search by name): each host in them is
  // judged again with its own read action and label scope, so they show nothing a host's own
  // routes would hide (visible-hosts.ts).
  'all-hosts.read': 'viewer',
  // Host-scoped changes and anything that reaches inside a container.
  'container.create': 'operator',
  'container.lifecycle': 'operator',
  'container.update': 'operator',
  'container.remove': 'operator',
  'container.prune': 'operator',
  'container.export': 'operator',
  'container.exec': 'operator',
  'container.attach': 'operator',
  'container.files': 'operator',
  'image.pull': 'operator',
  'image.build': 'operator',
  'image.change': 'operator',
  'image.export': 'operator',
  'network.change': 'operator',
  'volume.change': 'operator',
  // Stacks: the stored record (create, save a version, forget) and the project's objects
  // (start, stop, restart, down, pull, and the planner's up). Every container a stack makes
  // still passes the container-create policy.
  'stack.change': 'operator',
  'stack.operate': 'operator',
  // The content of a file in a stack's directory (secrets live there). Whoever may write them
  // and deploy a stack that copies them into a container they can exec into may read them; a
  // viewer sees their names and sizes only.
  'stack.directory.read': 'operator',
  // Swarm services: create, update, scale, rollback, redeploy, remove. Every spec made current
  // passes the container-create policy (`container.create.unrestricted` lifts it, as there).
  'service.change': 'operator',
  // Swarm secrets and configs: create (the value is write-only for everyone) and remove.
  'swarm-file.change': 'operator',
  // Image updates: ask the registries now rather than at the next scheduled check.
  'image.update.check': 'operator',
  // The caller's own account: profile, password, API tokens, sessions.
  'account.self': 'viewer',
  // The caller's own second factors (TOTP, recovery codes, passkeys): the one action left to a
  // user whose role requires a second factor they have not enrolled yet.
  'account.second-factor': 'viewer',
  // Server-wide administration.
  'hosts.manage': 'admin',
  'users.manage': 'admin',
  'audit.read': 'admin',
  'metrics.read': 'admin',
  // Alerts (issue 19): everyone reads the alerts of what they may see (filtered per host and
  // label scope); the rules are server-wide, so only admins manage them.
  'alert.read': 'viewer',
  'alert.rules.manage': 'admin',
  // Alert channels and their delivery log: the channels hold secrets (webhook URLs with tokens,
  // SMTP passwords) and send wherever an admin points them.
  'alert-channels.manage': 'admin',
  // Registry credentials the image update checker sends (write-only: listed without passwords).
  'registry.credentials': 'admin',
  // What a host's history keeps beyond the always-kept (metric history, terminal recordings):
  // a recording keeps whatever every terminal on the host printed, so only admins decide it.
  'history.settings': 'admin',
  // Terminal sessions (who ran what in which container): everyone reads their own rows, admins
  // everyone's; recordings hold what others' terminals printed (and typed), so admins only.
  'history.sessions.read': 'viewer',
  'history.sessions.all': 'admin',
  'history.recordings.read': 'admin',
  // The events timeline (engine events and who acted, narrowed to the label scope); the audit
  // entries' parameters in it stay `audit.read`'s.
  'timeline.read': 'viewer',
  // Crash capsules (issue 20): read by whoever reads the container's logs (narrowed to their
  // label scope by the capsule's labels); deleted by operators. Log retention rules make the
  // server follow logs (engine CPU), so operators set them, within their own label scope.
  'capsule.read': 'viewer',
  'capsule.delete': 'operator',
  'log-retention.manage': 'operator',
  // A swarm's nodes (availability, role, labels, removal): draining or demoting a node moves or
  // stops every team's tasks on it, and a label a placement constraint names steers them; one
  // team's operator must not do that to the others (docs/security.md, "Swarm").
  'swarm.node.change': 'admin',
  // The swarm itself: its join tokens (whoever holds the manager token can join a manager and
  // read every secret) and its settings (CA expiry, autolock).
  'swarm.admin': 'admin',
  // The API's own description (GET /api/openapi.json); API tokens: see ACTIONS_BY_TOKEN.
  'api.describe': 'admin',
  // Environment values (env-visibility.ts): `env.values` sees them except those whose key
  // matches one of the host's secret patterns, `env.secret-values` sees those too. A role
  // without `env.values` sees the names only.
  'env.values': 'operator',
  'env.secret-values': 'admin',
  // Privileges inside an action a route already allows: what hands over the host, asked by the
  // handler with `may(c, action)` (docs/security.md, "Settings only an admin may use").
  // Any container setting, unchecked by the settings policy (settings-policy.ts), and host
  // paths bound as given (an operator's read-only binds are sent non-recursive).
  'container.create.unrestricted': 'admin',
  // An exec as any user, uid 0 included, without reading the container's /etc/passwd.
  'container.exec.any-user': 'admin',
  // Exec, typing into the main process and files inside a container with admin-only settings.
  'container.reach-admin-only': 'admin',
  // Any volume driver, local bind options (a host path in disguise) and reserved labels.
  'volume.create.unrestricted': 'admin',
  // Labels in our namespace (io.harbormaster.*) on a network.
  'network.create.reserved-labels': 'admin',
  // Builds from a URL, `pull=true`, reserved labels, and Dockerfiles or contexts unchecked for
  // what makes the engine fetch from the network (images/build-reach.ts).
  'image.build.unrestricted': 'admin',
  // Import from a URL, which the engine fetches from its own host.
  'image.import.from-url': 'admin',
} as const satisfies Record<string, Role>

export type Action = keyof typeof ACTIONS

/**
 * The least role for a caller who comes with an API token, where it differs from ACTIONS. The
 * API's description is what a script reads first, whatever its user's role; since every user
 * may mint tokens (`account.self`), asking a viewer's token for more would protect nothing.
 */
export const ACTIONS_BY_TOKEN: Partial<Record<Action, Role>> = {
  'api.describe': 'viewer',
}

const ENROL_FIRST =
  'Your role requires a second factor: set up an authenticator app or a passkey first'

export type Decision =
  | { allowed: true; role: Role; grant: HostGrant }
  | { allowed: false; status: 401 | 403 | 404; message: string }

/** The caller's effective grant on a host: the global role, narrowed by a per-host grant. */
export function grantOn(principal: Principal, hostId: string): HostGrant {
  const grant = principal.hostGrants.get(hostId)
  if (!grant) return { role: principal.role }
  const role: HostRole = lowerRole(principal.role, grant.role)
  return { role, labelScope: grant.labelScope }
}

/**
 * The one authorisation decision. A host the caller may not see answers exactly like a host that
 * does not exist, so its existence is not confirmed: 403 when the caller's own role is too low
 * for the action anywhere, else 404. A visible host with too low a role is 403.
 */
export function authorize(
  principal: Principal | undefined,
  action: Action,
  hostId?: string,
): Decision {
  if (!principal) return { allowed: false, status: 401, message: 'Sign in to continue' }
  if (principal.mustEnrolSecondFactor === true && action !== 'account.second-factor') {
    return { allowed: false, status: 403, message: ENROL_FIRST }
  }
  const byToken = principal.via === 'token' ? ACTIONS_BY_TOKEN[action] : undefined
  const needed = byToken ?? ACTIONS[action]
  const grant: HostGrant =
    hostId === undefined ? { role: principal.role } : grantOn(principal, hostId)
  // Judged by the caller's own role first, as an unknown host is (its grant is that role).
  if (!reaches(grant.role === 'none' ? principal.role : grant.role, needed)) {
    return { allowed: false, status: 403, message: `This action needs the ${needed} role` }
  }
  if (grant.role === 'none') {
    return { allowed: false, status: 404, message: `No such host: ${hostId ?? ''}` }
  }
  return { allowed: true, role: grant.role, grant }
}

/**
 * Whether a role may do an action by the table alone: for deciding on a role that has no caller
 * behind it (env-visibility.ts). A handler asks `may(c, action)`, which goes through authorize.
 */
export function roleMay(role: HostRole, action: Action): boolean {
  return reaches(role, ACTIONS[action])
}

function reaches(role: HostRole, needed: Role): boolean {
  return roleRank(role) >= roleRank(needed)
}

/**
 * The caller's role on a host as the hosts list tells the web app. A host hidden from the caller
 * is never listed (it is a 404), so `none` does not reach the web app and reads as the least role.
 */
export function roleShownOn(principal: Principal, hostId: string): Role {
  const { role } = grantOn(principal, hostId)
  return role === 'none' ? 'viewer' : role
}

/**
 * Whether an object with these labels is inside the caller's label scope on a host. Used on
 * every lookup by id, id prefix or name, not only on lists: out of scope is a 404.
 */
export function inScope(grant: HostGrant, labels: Readonly<Record<string, string>>): boolean {
  if (grant.labelScope === undefined) return true
  const split = grant.labelScope.indexOf('=')
  if (split === -1) return grant.labelScope in labels
  return labels[grant.labelScope.slice(0, split)] === grant.labelScope.slice(split + 1)
}

/**
 * What a user narrowed to a label scope creates carries the scope label (over any value the
 * image or the request gives it); otherwise they could not see their own container, network or
 * volume, and could plant objects in another team's scope.
 */
export function labelsWithinScope(
  labels: Readonly<Record<string, string>> | undefined,
  scope: string | undefined,
): Record<string, string> | undefined {
  if (scope === undefined) return labels && { ...labels }
  const split = scope.indexOf('=')
  const [key, value] = split === -1 ? [scope, ''] : [scope.slice(0, split), scope.slice(split + 1)]
  return { ...labels, [key]: value }
}
