import type { Scalar } from '../yaml/tree.ts'

/**
 * After interpolation, compose turns the strings at these paths into the types the model needs
 * (compose-go `loader/interpolate.go`), so `privileged: ${PRIV:-false}` is a boolean. `*` matches
 * any one key, `[]` any sequence item. Only the supported keys are listed: a string under a key
 * Harbormaster refuses is reported as unsupported, not as a bad number.
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
  [service('cpus'), toFloat],
  [service('pids_limit'), toInteger],
  [service('scale'), toInteger],
  [service('deploy.replicas'), toInteger],
  [service('deploy.placement.max_replicas_per_node'), toInteger],
  [service('deploy.update_config.parallelism'), toInteger],
  [service('deploy.update_config.max_failure_ratio'), toFloat],
  [service('deploy.rollback_config.parallelism'), toInteger],
  [service('deploy.rollback_config.max_failure_ratio'), toFloat],
  [service('deploy.restart_policy.max_attempts'), toInteger],
  [service('healthcheck.retries'), toInteger],
  [service('ports.[].target'), toInteger],
  [service('ulimits.*'), toInteger],
  [service('ulimits.*.hard'), toInteger],
  [service('ulimits.*.soft'), toInteger],
  ...[
    'init',
    'privileged',
    'stdin_open',
    'tty',
    'healthcheck.disable',
    'depends_on.*.required',
    'depends_on.*.restart',
    'volumes.[].read_only',
    'volumes.[].volume.nocopy',
    'volumes.[].bind.create_host_path',
    'env_file.[].required',
  ].map((key) => [service(key), toBoolean] as const),
  ...['external', 'internal', 'attachable'].map((key) => [`networks.*.${key}`, toBoolean] as const),
  [`volumes.*.external`, toBoolean],
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
