import type { Scalar } from '../yaml/tree.ts'

/**
 * After interpolation, compose turns the strings at these paths into the types the model needs
 * (compose-go `loader/interpolate.go`), so `privileged: ${PRIV:-false}` is a boolean. `*` matches
 * any one key, `[]` any sequence item.
 */
type Cast = (text: string) => Scalar | Error

const toBoolean: Cast = (text) => {
  switch (text.toLowerCase()) {
    case 'true':
    case 'y':
    case 'yes':
    case 'on':
      return true
    case 'false':
    case 'n':
    case 'no':
    case 'off':
      return false
    default:
      return new Error(`invalid boolean: ${text}`)
  }
}

const toInteger: Cast = (text) =>
  /^[-+]?\d+$/.test(text) ? Number(text) : new Error(`invalid integer: ${text}`)

const toFloat: Cast = (text) => {
  const trimmed = text.trim()
  const value = trimmed === '' ? Number.NaN : Number(trimmed)
  return Number.isNaN(value) ? new Error(`invalid number: ${text}`) : value
}

const service = (path: string) => `services.*.${path}`

const CASTS: readonly (readonly [string, Cast])[] = [
  ...['cpu_count', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares'].map(
    (key) => [service(key), toInteger] as const,
  ),
  [service('cpu_percent'), toFloat],
  [service('cpus'), toFloat],
  [service('oom_score_adj'), toInteger],
  [service('pids_limit'), toInteger],
  [service('scale'), toInteger],
  [service('deploy.replicas'), toInteger],
  [service('deploy.update_config.parallelism'), toInteger],
  [service('deploy.update_config.max_failure_ratio'), toFloat],
  [service('deploy.rollback_config.parallelism'), toInteger],
  [service('deploy.rollback_config.max_failure_ratio'), toFloat],
  [service('deploy.restart_policy.max_attempts'), toInteger],
  [service('deploy.placement.max_replicas_per_node'), toInteger],
  [service('healthcheck.retries'), toInteger],
  [service('ports.[].target'), toInteger],
  [service('ulimits.*'), toInteger],
  [service('ulimits.*.hard'), toInteger],
  [service('ulimits.*.soft'), toInteger],
  ...[
    'init',
    'privileged',
    'read_only',
    'stdin_open',
    'tty',
    'oom_kill_disable',
    'healthcheck.disable',
    'depends_on.*.required',
    'depends_on.*.restart',
    'volumes.[].read_only',
    'volumes.[].volume.nocopy',
    'volumes.[].bind.create_host_path',
    'env_file.[].required',
  ].map((key) => [service(key), toBoolean] as const),
  ...['external', 'internal', 'attachable', 'enable_ipv4', 'enable_ipv6'].map(
    (key) => [`networks.*.${key}`, toBoolean] as const,
  ),
  ...['volumes', 'secrets', 'configs'].map((top) => [`${top}.*.external`, toBoolean] as const),
]

const PATTERNS = CASTS.map(([pattern, cast]) => [pattern.split('.'), cast] as const)

/** The cast for a value at `path` (keys, with `[]` for sequence items), if compose casts it. */
export function castFor(path: readonly string[]): Cast | undefined {
  for (const [pattern, cast] of PATTERNS) {
    if (pattern.length !== path.length) continue
    if (pattern.every((part, i) => part === '*' || part === path[i])) return cast
  }
  return undefined
}
