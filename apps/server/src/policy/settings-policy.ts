import { type ContainerCreateInput, parseBind } from '@harbormaster/contract'
import { parseExecUser, resolvePasswdName } from './exec-user.ts'
import { type HostPathRules, hostPathRefusal } from './host-paths.ts'

export type { HostPathRules }

/*
 * What a non-admin may not ask the engine for (issue 9): every one of these hands over the host.
 * Each check returns the names of the settings it refuses, so the 403 can say exactly which.
 * Admins are never checked here; the create form warns them instead.
 */

const NAMESPACE_SETTINGS = [
  'networkMode',
  'pidMode',
  'ipcMode',
  'utsMode',
  'usernsMode',
  'cgroupnsMode',
] as const
const ADMIN_ONLY_LISTS = ['capAdd', 'devices', 'volumesFrom'] as const
const ADMIN_ONLY_VALUES = ['runtime', 'cgroupParent', 'volumeDriver'] as const
/** Our own label namespace: test runs, ownership and future features key on it. */
export const RESERVED_LABEL_PREFIX = 'io.harbormaster.'

/** Settings of a container create request a non-admin may not use. */
export function refusedContainerSettings(
  spec: ContainerCreateInput,
  rules: HostPathRules,
): string[] {
  const refused: string[] = []
  if (spec.privileged === true) refused.push('privileged')
  for (const setting of NAMESPACE_SETTINGS) {
    if (sharesHostNamespace(spec[setting])) refused.push(setting)
  }
  for (const setting of ADMIN_ONLY_LISTS)
    if ((spec[setting]?.length ?? 0) > 0) refused.push(setting)
  for (const setting of ADMIN_ONLY_VALUES)
    if (spec[setting] !== undefined && spec[setting] !== '') refused.push(setting)
  if (Object.keys(spec.sysctls ?? {}).length > 0) refused.push('sysctls')
  if ((spec.securityOpt ?? []).some((opt) => !isHarmlessSecurityOpt(opt)))
    refused.push('securityOpt')
  refused.push(...refusedHostPaths(spec, rules))
  if (
    (spec.ports ?? []).some((p) => p.hostPort !== undefined && p.hostPort > 0 && p.hostPort < 1024)
  ) {
    refused.push('ports (host ports below 1024)')
  }
  if (Object.keys(spec.labels ?? {}).some((key) => key.startsWith(RESERVED_LABEL_PREFIX))) {
    refused.push(`labels (${RESERVED_LABEL_PREFIX}*)`)
  }
  return refused
}

/** Named volumes a create request mounts: each must be checked for local bind options. */
export function namedVolumesOf(spec: ContainerCreateInput): string[] {
  const fromBinds = (spec.binds ?? []).flatMap((bind) => {
    const parsed = parseBind(bind)
    return typeof parsed === 'string' || parsed.isHostPath ? [] : [parsed.source]
  })
  const fromMounts = (spec.mounts ?? []).flatMap((m) =>
    m.type === 'volume' && m.source ? [m.source] : [],
  )
  return [...new Set([...fromBinds, ...fromMounts])]
}

/** Whether a create request binds any host path (the policy then needs the engine's places). */
export function bindsHostPaths(spec: ContainerCreateInput): boolean {
  return (
    (spec.binds ?? []).some((bind) => bind.startsWith('/')) ||
    (spec.mounts ?? []).some((m) => m.type === 'bind' || m.type === 'npipe')
  )
}

/** Each host path bound, refused with the entry and why (see host-paths.ts). */
function refusedHostPaths(spec: ContainerCreateInput, rules: HostPathRules): string[] {
  const refused: string[] = []
  for (const bind of spec.binds ?? []) {
    const parsed = parseBind(bind)
    // The contract refused malformed entries already; a volume name is checked elsewhere.
    if (typeof parsed === 'string' || !parsed.isHostPath) continue
    const relabels = parsed.options.includes('z') || parsed.options.includes('Z')
    const access = { form: 'binds' as const, readOnly: parsed.readOnly, relabels }
    const reason = hostPathRefusal(parsed.source, access, rules)
    if (reason !== undefined) refused.push(`binds ("${bind}": ${reason})`)
  }
  for (const mount of spec.mounts ?? []) {
    if (mount.type !== 'bind' && mount.type !== 'npipe') continue
    const access = { form: 'mounts' as const, readOnly: mount.readOnly === true, relabels: false }
    const reason = hostPathRefusal(mount.source ?? '', access, rules)
    if (reason !== undefined) refused.push(`mounts ("${mount.source ?? ''}": ${reason})`)
  }
  return refused
}

/**
 * A volume of the local driver created with `o=bind`/`rbind` or a `device=` option is a host
 * path in disguise: refused at its creation and when mounted.
 */
export function isHostPathVolume(
  driver: string,
  options: Readonly<Record<string, string>>,
): boolean {
  if (driver !== 'local' && driver !== '') return false
  const mountOptions = (options.o ?? '').split(',').map((o) => o.trim())
  if (mountOptions.includes('bind') || mountOptions.includes('rbind')) return true
  // `device=` mounts a host device or path (or a remote share); only tmpfs is harmless.
  return 'device' in options && options.type !== 'tmpfs'
}

/**
 * Exec settings a non-admin may not use: privileged, or running as uid 0 in any spelling (see
 * exec-user.ts). When the user is a name, `passwd` is the container's /etc/passwd, which says
 * whether the name is root; without it a name is refused, since it cannot be checked. A name
 * that is not there is not refused here: the engine refuses it, and the caller says so first.
 */
export function refusedExecSettings(
  exec: { privileged?: boolean; user?: string },
  passwd?: Uint8Array,
): string[] {
  const refused: string[] = []
  if (exec.privileged === true) refused.push('privileged')
  const user = parseExecUser(exec.user)
  if (user.kind === 'root') refused.push('user (root)')
  if (user.kind === 'name') {
    if (passwd === undefined) refused.push(`user (${user.name}: not checked against /etc/passwd)`)
    else if (resolvePasswdName(passwd, user.name).kind === 'root') refused.push('user (root)')
  }
  return refused
}

function sharesHostNamespace(mode: string | undefined): boolean {
  if (mode === undefined) return false
  const value = mode.trim().toLowerCase()
  return value === 'host' || value.startsWith('container:') || value.startsWith('ns:')
}

/** `no-new-privileges` only tightens confinement; everything else may loosen it. */
function isHarmlessSecurityOpt(option: string): boolean {
  return /^no-new-privileges(?:[:=]true)?$/i.test(option.trim())
}
