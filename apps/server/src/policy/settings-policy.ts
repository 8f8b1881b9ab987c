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

/**
 * One setting a non-admin may not use: the create request's field, the entry of a list (`index`)
 * or map (`key`) that holds it, and the text the 403 names it by. A stack maps each back to the
 * compose key and line that supplied it.
 */
export interface SettingRefusal {
  setting: string
  index?: number
  key?: string
  text: string
}

/** Log drivers that keep the output on the host, in the engine's own files (or nowhere). */
const HOST_LOG_DRIVERS = new Set(['json-file', 'local', 'none'])

/**
 * Settings of a container create request a non-admin may not use, by name, once each, in the
 * order the 403 has always named them.
 */
export function refusedContainerSettings(
  spec: ContainerCreateInput,
  rules: HostPathRules,
): string[] {
  return [...new Set(containerSettingRefusals(spec, rules).map((refusal) => refusal.text))]
}

/** Each entry of a create request a non-admin may not use (see SettingRefusal). */
export function containerSettingRefusals(
  spec: ContainerCreateInput,
  rules: HostPathRules,
): SettingRefusal[] {
  const refused: SettingRefusal[] = []
  const at = (setting: string, where: { index?: number; key?: string } = {}, text = setting) =>
    refused.push({ setting, ...where, text })
  if (spec.privileged === true) at('privileged')
  for (const setting of NAMESPACE_SETTINGS) {
    if (sharesHostNamespace(spec[setting])) at(setting)
  }
  ;(spec.networks ?? []).forEach((network, index) => {
    if (sharesHostNamespace(network.name)) at('networks', { index })
  })
  for (const setting of ADMIN_ONLY_LISTS)
    spec[setting]?.forEach((_, index) => at(setting, { index }))
  for (const setting of ADMIN_ONLY_VALUES)
    if (spec[setting] !== undefined && spec[setting] !== '') at(setting)
  for (const key of Object.keys(spec.sysctls ?? {})) at('sysctls', { key })
  ;(spec.securityOpt ?? []).forEach((opt, index) => {
    if (!isHarmlessSecurityOpt(opt)) at('securityOpt', { index })
  })
  refused.push(...refusedHostPaths(spec, rules))
  ;(spec.ports ?? []).forEach((p, index) => {
    if (p.hostPort !== undefined && p.hostPort > 0 && p.hostPort < 1024)
      at('ports', { index }, 'ports (host ports below 1024)')
  })
  for (const key of Object.keys(spec.labels ?? {})) {
    if (key.startsWith(RESERVED_LABEL_PREFIX))
      at('labels', { key }, `labels (${RESERVED_LABEL_PREFIX}*)`)
  }
  // Any other driver sends the container's output off the host (syslog, gelf, fluentd, cloud
  // services), or into the host's own journal: the engine does it, from the host's network.
  const driver = spec.logging?.driver
  if (driver !== undefined && !HOST_LOG_DRIVERS.has(driver))
    at('logging', {}, `logging (driver ${driver})`)
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
function refusedHostPaths(spec: ContainerCreateInput, rules: HostPathRules): SettingRefusal[] {
  const refused: SettingRefusal[] = []
  ;(spec.binds ?? []).forEach((bind, index) => {
    const parsed = parseBind(bind)
    // The contract refused malformed entries already; a volume name is checked elsewhere.
    if (typeof parsed === 'string' || !parsed.isHostPath) return
    const relabels = parsed.options.includes('z') || parsed.options.includes('Z')
    const access = { form: 'binds' as const, readOnly: parsed.readOnly, relabels }
    const reason = hostPathRefusal(parsed.source, access, rules)
    if (reason !== undefined)
      refused.push({ setting: 'binds', index, text: `binds ("${bind}": ${reason})` })
  })
  ;(spec.mounts ?? []).forEach((mount, index) => {
    if (mount.type !== 'bind' && mount.type !== 'npipe') return
    const access = { form: 'mounts' as const, readOnly: mount.readOnly === true, relabels: false }
    const reason = hostPathRefusal(mount.source ?? '', access, rules)
    if (reason !== undefined)
      refused.push({
        setting: 'mounts',
        index,
        text: `mounts ("${mount.source ?? ''}": ${reason})`,
      })
  })
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
 * What a volume may hold only with `volume.create.unrestricted` (issue 9), named as the 403 names
 * them. A driver other than `local` is refused too, as `VolumeDriver` is on containers: plugins
 * can mount host paths. Used by the volume create route and by stacks for the volumes they define.
 */
export function refusedVolumeSettings(spec: {
  driver?: string | undefined
  driverOpts?: Readonly<Record<string, string>> | undefined
  labels?: Readonly<Record<string, string>> | undefined
}): SettingRefusal[] {
  const refused: SettingRefusal[] = []
  if (spec.driver !== undefined && spec.driver !== 'local')
    refused.push({ setting: 'driver', text: 'driver (not local)' })
  if (isHostPathVolume(spec.driver ?? 'local', spec.driverOpts ?? {}))
    refused.push({ setting: 'driverOpts', text: 'driverOpts (local bind)' })
  refused.push(...reservedLabels(spec.labels))
  return refused
}

/**
 * Labels in our namespace on a network: `network.create.reserved-labels` only. Used by the network
 * create route and by stacks for the networks they define.
 */
export function reservedLabels(
  labels: Readonly<Record<string, string>> | undefined,
): SettingRefusal[] {
  return Object.keys(labels ?? {})
    .filter((key) => key.startsWith(RESERVED_LABEL_PREFIX))
    .map((key) => ({ setting: 'labels', key, text: `labels (${RESERVED_LABEL_PREFIX}*)` }))
}

/** The 403 a refusal is: the settings by name, once each. */
export function refusalMessage(refused: readonly (SettingRefusal | string)[]): string {
  const names = refused.map((r) => (typeof r === 'string' ? r : r.text))
  return `Only an admin may use: ${[...new Set(names)].join(', ')}`
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
