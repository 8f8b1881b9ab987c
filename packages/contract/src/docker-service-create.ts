import { quoteShellWord } from './command-line.ts'
import type { ServiceCreateInput } from './swarm-services.ts'

/*
 * The `docker service create` a CLI user would type for the same service (issue 18): the web
 * form shows it beside itself, and a swarm test runs it and compares the engine's spec with the
 * one the API wrote. The CLI's flags are a user-facing contract (docs.docker.com), not the
 * engine's wire format, so both sides may know them.
 */

type Settings = ServiceCreateInput
type Rollout = NonNullable<Settings['updateConfig']>
type FileRef = NonNullable<Settings['secrets']>[number]

const NS_PER = { h: 3_600_000_000_000, m: 60_000_000_000, s: 1e9, ms: 1e6, us: 1e3 } as const

/** A Go duration string (`time.ParseDuration`) for nanoseconds, in its largest exact unit. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s'
  for (const [unit, size] of Object.entries(NS_PER))
    if (ns % size === 0) return `${ns / size}${unit}`
  return `${ns}ns`
}

/** Bytes as go-units' `RAMInBytes` reads them (1024-based), exact. */
export function ramBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const)
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`
  return String(bytes)
}

/** Nano CPUs as the CLI's decimal CPU count, without floating-point rounding. */
export function cpuCount(nanoCpus: number): string {
  const whole = Math.trunc(nanoCpus / 1e9)
  const fraction = String(nanoCpus % 1e9)
    .padStart(9, '0')
    .replace(/0+$/, '')
  return fraction === '' ? String(whole) : `${whole}.${fraction}`
}

/** One field of a CSV flag value (`--mount`, `--publish`…), quoted as Go's encoding/csv reads. */
function csvField(field: string): string {
  return /[",\r\n]/.test(field) || /^\s/.test(field) ? `"${field.replace(/"/g, '""')}"` : field
}

const csv = (fields: (string | undefined)[]) =>
  fields
    .filter((f) => f !== undefined)
    .map(csvField)
    .join(',')

const opt = (key: string, value: string | number | undefined) =>
  value === undefined ? undefined : `${key}=${value}`

const entries = (record: Record<string, string> | undefined) =>
  Object.entries(record ?? {}).map(([k, v]) => `${k}=${v}`)

/**
 * The arguments after `docker` that create this service: flags in the order of
 * `docker service create --help` groups, then the image and its arguments. `--no-resolve-image`
 * because Harbormaster does not pin the image to a registry digest either.
 */
export function dockerServiceCreateArgs(s: Settings): string[] {
  return ['service', 'create', ...flagGroups(s).flat(), s.image, ...(s.args ?? [])]
}

/** The whole command, shell-quoted, a flag and its value per line. */
export function dockerServiceCreateCommand(s: Settings): string {
  const quote = (words: readonly string[]) => words.map(quoteShellWord).join(' ')
  const lines = [
    'docker service create',
    ...flagGroups(s).map(quote),
    quote([s.image, ...(s.args ?? [])]),
  ]
  return lines.join(' \\\n  ')
}

/** Each flag with its value, as one group of words. */
function flagGroups(s: Settings): string[][] {
  const groups = [['--no-resolve-image'], ['--name', s.name]]
  const flag = (name: string, value: string | number | boolean | undefined) => {
    if (value === undefined) return
    if (typeof value === 'boolean') groups.push([value ? name : `${name}=false`])
    else groups.push([name, String(value)])
  }
  const each = (name: string, values: readonly string[] | undefined) => {
    for (const v of values ?? []) flag(name, v)
  }
  each('--label', entries(s.labels))
  each('--container-label', entries(s.containerLabels))
  if (s.mode !== undefined)
    if ('global' in s.mode) flag('--mode', 'global')
    else flag('--replicas', s.mode.replicated)
  flag('--entrypoint', s.command?.map(quoteShellWord).join(' '))
  each('--env', s.env)
  flag('--hostname', s.hostname)
  flag('--user', s.user)
  flag('--workdir', s.workdir)
  each('--mount', s.mounts?.map(mountValue))
  each('--network', s.networks?.map(networkValue))
  flag('--endpoint-mode', s.endpointMode)
  each('--publish', s.ports?.map(portValue))
  each('--constraint', s.placement?.constraints)
  each(
    '--placement-pref',
    s.placement?.spread?.map((d) => `spread=${d}`),
  )
  flag('--replicas-max-per-node', s.placement?.maxReplicas)
  resourceFlags(s.resources, flag)
  const restart = s.restartPolicy
  flag('--restart-condition', restart?.condition)
  flag('--restart-delay', nsFlag(restart?.delayNs))
  flag('--restart-max-attempts', restart?.maxAttempts)
  flag('--restart-window', nsFlag(restart?.windowNs))
  rolloutFlags('--update', s.updateConfig, flag)
  rolloutFlags('--rollback', s.rollbackConfig, flag)
  each('--secret', s.secrets?.map(fileValue))
  each('--config', s.configs?.map(fileValue))
  healthFlags(s.healthcheck, flag)
  flag('--init', s.init)
  flag('--read-only', s.readOnly)
  flag('--stop-grace-period', nsFlag(s.stopGracePeriodNs))
  each('--cap-add', s.capAdd)
  each('--cap-drop', s.capDrop)
  each('--sysctl', entries(s.sysctls))
  flag('--log-driver', s.logDriver?.name)
  each('--log-opt', entries(s.logDriver?.options))
  return groups
}

const nsFlag = (ns: number | undefined) => (ns === undefined ? undefined : goDuration(ns))

function mountValue(m: NonNullable<Settings['mounts']>[number]): string {
  return csv([
    `type=${m.type}`,
    m.source === undefined || m.source === '' ? undefined : `source=${m.source}`,
    `target=${m.target}`,
    m.readOnly === undefined ? undefined : `readonly=${m.readOnly}`,
    opt('volume-nocopy', m.noCopy === undefined ? undefined : String(m.noCopy)),
    opt('tmpfs-size', m.tmpfsSizeBytes),
    opt('tmpfs-mode', m.tmpfsMode === undefined ? undefined : m.tmpfsMode.toString(8)),
  ])
}

function networkValue(n: NonNullable<Settings['networks']>[number]): string {
  if (n.aliases === undefined || n.aliases.length === 0) return n.name
  return csv([`name=${n.name}`, ...n.aliases.map((a) => `alias=${a}`)])
}

function portValue(p: NonNullable<Settings['ports']>[number]): string {
  return csv([
    opt('published', p.publishedPort),
    `target=${p.targetPort}`,
    `protocol=${p.protocol}`,
    `mode=${p.mode}`,
  ])
}

function fileValue(f: FileRef): string {
  return csv([
    `source=${f.name}`,
    opt('target', f.target),
    opt('uid', f.uid),
    opt('gid', f.gid),
    // The CLI reads the mode with base prefixes (strconv base 0): a leading 0 is octal.
    opt('mode', f.mode === undefined ? undefined : `0${f.mode.toString(8)}`),
  ])
}

type Flag = (name: string, value: string | number | boolean | undefined) => void

function resourceFlags(r: Settings['resources'], flag: Flag): void {
  const cpus = (n: number | undefined) => (n === undefined ? undefined : cpuCount(n))
  const ram = (n: number | undefined) => (n === undefined ? undefined : ramBytes(n))
  flag('--limit-cpu', cpus(r?.limits?.nanoCpus))
  flag('--limit-memory', ram(r?.limits?.memoryBytes))
  flag('--limit-pids', r?.limits?.pids)
  flag('--reserve-cpu', cpus(r?.reservations?.nanoCpus))
  flag('--reserve-memory', ram(r?.reservations?.memoryBytes))
}

/**
 * The API leaves an unset parallelism and monitor at zero (all at once, no monitoring) where
 * the CLI fills in its defaults (1, 5s) once any `--update-*` flag is given: said explicitly.
 */
function rolloutFlags(prefix: string, r: Rollout | undefined, flag: Flag): void {
  if (r === undefined || Object.keys(r).length === 0) return
  flag(`${prefix}-parallelism`, r.parallelism ?? 0)
  flag(`${prefix}-delay`, nsFlag(r.delayNs))
  flag(`${prefix}-failure-action`, r.failureAction)
  flag(`${prefix}-monitor`, nsFlag(r.monitorNs ?? 0))
  flag(`${prefix}-max-failure-ratio`, r.maxFailureRatio)
  flag(`${prefix}-order`, r.order)
}

function healthFlags(h: Settings['healthcheck'], flag: Flag): void {
  if (h === undefined) return
  const [kind, ...words] = h.test ?? []
  if (kind === 'NONE') flag('--no-healthcheck', true)
  else if (kind === 'CMD-SHELL') flag('--health-cmd', words.join(' '))
  // The CLI has no flag for the exec form: the shell runs the same words.
  else if (kind === 'CMD') flag('--health-cmd', words.map(quoteShellWord).join(' '))
  flag('--health-interval', nsFlag(h.intervalNs))
  flag('--health-timeout', nsFlag(h.timeoutNs))
  flag('--health-start-period', nsFlag(h.startPeriodNs))
  flag('--health-retries', h.retries)
}
