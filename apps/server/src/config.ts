import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { apiVersionPinSchema } from '@harbormaster/contract'
import { type OidcConfig, loadOidcConfig } from './auth/oidc/oidc-config.ts'
import { type DeclaredHost, parseDeclaredHosts } from './hosts/declared-hosts.ts'
import { AllowedHosts, parseAllowedHosts } from './platform/allowed-hosts.ts'
import { type TrustedProxies, parseTrustedProxies } from './platform/trusted-proxies.ts'
import type { RetentionBounds } from './history/sessions/retention.ts'
import { SESSION_ROWS_MAX } from './history/sessions/retention.ts'
import {
  type MaintenanceWindow,
  WINDOW_PATTERN,
  parseWindow,
} from './updates/maintenance-window.ts'

/**
 * Engine stats streams per host at most (HARBORMASTER_STATS_MAX_STREAMS): a bound on engine work
 * (`docker stats` on 14 containers costs the engine 15–20 % of a CPU, issue 10), high enough that
 * a host overview covers a busy host: one stream per running container. Streams hold no pooled
 * connection (packages/engine), so the cap is not about sockets.
 */
export const DEFAULT_STATS_MAX_STREAMS = 256
/**
 * Engine events the timeline keeps at most, all hosts together. Measured at ~650 bytes an event
 * (indexes included; a compose container's labels kept once per container, not per event) on
 * churning compose projects, the worst common case: 80,000 events are ~52 MB, well under 100 MB.
 */
export const DEFAULT_TIMELINE_MAX_EVENTS = 80_000

/**
 * One file uploaded into a stack's directory at most (HARBORMASTER_STACK_FILE_MAX_BYTES), and the
 * whole directory (HARBORMASTER_STACK_DIR_MAX_BYTES): secrets, configs and env files are small,
 * a build context may not be; the data dir's disk is shared with the database.
 */
export const DEFAULT_STACK_FILE_MAX_BYTES = 64 * 1024 * 1024
export const DEFAULT_STACK_DIR_MAX_BYTES = 512 * 1024 * 1024

const DAY_MS = 86_400_000

const configSchema = z.object({
  HARBORMASTER_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HARBORMASTER_BIND: z.string().min(1).default('0.0.0.0'),
  HARBORMASTER_DATA_DIR: z.string().min(1).default('./data'),
  HARBORMASTER_WEB_DIR: z.string().min(1).optional(),
  HARBORMASTER_PUBLIC_URL: z.url().optional(),
  HARBORMASTER_ALLOWED_HOSTS: z.string().default(''),
  HARBORMASTER_TRUSTED_PROXIES: z.string().default(''),
  HARBORMASTER_HOSTS: z.string().default(''),
  HARBORMASTER_ADMIN_PASSWORD: z.string().optional(),
  HARBORMASTER_TLS_CERT: z.string().min(1).optional(),
  HARBORMASTER_TLS_KEY: z.string().min(1).optional(),
  HARBORMASTER_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(525_600).default(720),
  HARBORMASTER_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  HARBORMASTER_STATS_MAX_STREAMS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_STATS_MAX_STREAMS),
  HARBORMASTER_STACK_IMPORT_DIRS: z.string().default(''),
  HARBORMASTER_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  HARBORMASTER_TIMELINE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  HARBORMASTER_TIMELINE_MAX_EVENTS: z.coerce
    .number()
    .int()
    .min(100)
    .default(DEFAULT_TIMELINE_MAX_EVENTS),
  HARBORMASTER_METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(90),
  HARBORMASTER_METRICS_MAX_SERIES: z.coerce.number().int().min(1).max(100_000).default(2000),
  HARBORMASTER_STACK_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(1800),
  HARBORMASTER_SWARM_TASKS_RECHECK_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  HARBORMASTER_DATA_DIR_ON_ENGINE_HOST: z.stringbool().default(true),
  // Below setTimeout's limit (24.8 days); 0 turns the schedule off.
  HARBORMASTER_UPDATE_CHECK_HOURS: z.coerce.number().min(0).max(168).default(6),
  HARBORMASTER_REGISTRY_ENDPOINTS: z.string().default(''),
  HARBORMASTER_UPDATE_HEALTH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  HARBORMASTER_ALERT_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  HARBORMASTER_AUTO_UPDATE_WINDOW: z
    .string()
    .regex(WINDOW_PATTERN, 'a daily window in UTC, HH:MM-HH:MM (e.g. 02:00-05:00)')
    .optional(),
  HARBORMASTER_STACK_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_STACK_FILE_MAX_BYTES),
  HARBORMASTER_STACK_DIR_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_STACK_DIR_MAX_BYTES),
  HARBORMASTER_RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  HARBORMASTER_RECORDING_MAX_MB: z.coerce.number().int().min(1).default(200),
  HARBORMASTER_CAPSULE_LOG_LINES: z.coerce.number().int().min(1).max(100_000).default(500),
  HARBORMASTER_CAPSULE_LOG_KIB: z.coerce.number().int().min(1).max(65_536).default(256),
  HARBORMASTER_CAPSULE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  HARBORMASTER_CAPSULE_MAX_MB: z.coerce.number().int().min(1).max(1_000_000).default(200),
  HARBORMASTER_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  DOCKER_HOST: z.string().optional(),
  DOCKER_TLS_VERIFY: z.string().optional(),
  DOCKER_TLS: z.string().optional(),
  DOCKER_CERT_PATH: z.string().optional(),
  /** Pins the local host's API version, as the docker CLI reads it (empty means unset). */
  DOCKER_API_VERSION: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    apiVersionPinSchema.optional(),
  ),
})

/**
 * Crash capsules: the last `logLines` lines of a dead container's log, at most `logBytes`
 * (HARBORMASTER_CAPSULE_LOG_LINES, default 500; HARBORMASTER_CAPSULE_LOG_KIB, default 256), the
 * same count kept by log retention's rings; capsules are kept `retentionDays`
 * (HARBORMASTER_CAPSULE_RETENTION_DAYS, default 30) and `maxBytes` in all
 * (HARBORMASTER_CAPSULE_MAX_MB, default 200), oldest removed first.
 */
export interface CapsuleConfig {
  logLines: number
  logBytes: number
  retentionDays: number
  maxBytes: number
}

export interface Config {
  port: number
  bind: string
  dataDir: string
  /** Origin browsers reach us at (`https://dash.example.com`); mutations must come from it. */
  publicOrigin: string
  /**
   * The names requests may address (`Host`): the public URL's, loopback, IP literals and
   * `HARBORMASTER_ALLOWED_HOSTS`. Anything else is refused (DNS rebinding).
   */
  allowedHosts: AllowedHosts
  /** Cookies get `Secure` and the `__Host-` prefix when the public URL is https. */
  secureCookies: boolean
  /** Peers whose X-Forwarded-For we believe (reverse proxies: addresses or CIDR ranges). */
  trustedProxies: TrustedProxies
  /** Hosts to register, or bring up to date, at every start (`HARBORMASTER_HOSTS`). */
  declaredHosts: DeclaredHost[]
  /** Single sign-on (HARBORMASTER_OIDC_*); its client secret is never logged. */
  oidc?: OidcConfig | undefined
  /** Creates the user `admin` with it while there are no users; never logged. */
  adminPassword?: string
  /** Serve HTTPS with this certificate and key (PEM) instead of HTTP. */
  https?: { cert: string; key: string } | undefined
  sessionIdleMinutes: number
  sessionMaxHours: number
  auditRetentionDays: number
  /** Engine events kept in the timeline this many days (`HARBORMASTER_TIMELINE_RETENTION_DAYS`). */
  timelineRetentionDays: number
  /** Engine events kept at most, all hosts together (`HARBORMASTER_TIMELINE_MAX_EVENTS`). */
  timelineMaxEvents: number
  /**
   * Metric history (issue 20): days the coarsest tier keeps (the finer ones keep 24 h and 7 days,
   * or less when this is shorter), and series kept at most, all hosts together: the least
   * recently sampled go first. Together they bound the tables: a series holds at most
   * 8,640 + 10,080 + 12,960 points.
   */
  metricsRetentionDays: number
  metricsMaxSeries: number
  /** Engine stats streams per host at most; containers past it are left out of the overview. */
  statsMaxStreams: number
  /**
   * Services a stack deploy creates and starts at once on one host (`HARBORMASTER_STACK_CONCURRENCY`,
   * default 4): independent services go in parallel, within the engine's own ceiling of calls.
   */
  stackConcurrency: number
  /**
   * Hours between scheduled image update checks (`HARBORMASTER_UPDATE_CHECK_HOURS`, default 6,
   * jittered ±10 %; 0: only on demand). The first is never at start.
   */
  updateCheckHours: number
  /**
   * How long Update waits for a recreated container with a healthcheck to be healthy
   * (`HARBORMASTER_UPDATE_HEALTH_TIMEOUT_SECONDS`, default 120) before rolling back.
   */
  updateHealthTimeoutSeconds: number
  /**
   * The wait before an alert delivery's first retry (`HARBORMASTER_ALERT_RETRY_SECONDS`, default
   * 30); it doubles with each further failure, with jitter, up to 30 minutes.
   */
  alertRetrySeconds: number
  /**
   * When opted-in containers and stacks are updated automatically after a check found an update
   * (`HARBORMASTER_AUTO_UPDATE_WINDOW`, `HH:MM-HH:MM` in UTC); absent: never automatically.
   */
  autoUpdateWindow?: MaintenanceWindow | undefined
  /**
   * Where this server reaches a registry that images name otherwise
   * (`HARBORMASTER_REGISTRY_ENDPOINTS`: `registry=url,…`, e.g. a mirror, or `127.0.0.1:5000`,
   * the engine host's loopback, reached from the server at `http://engine-host:5000`).
   */
  registryEndpoints: ReadonlyMap<string, string>
  /**
   * The longest a stack deploy waits for one dependency to be healthy or to complete
   * (`HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS`, default 1800): a health check that retries
   * forever or a one-shot that never exits fails the deploy instead of holding it.
   */
  stackWaitTimeoutSeconds: number
  /**
   * How often a settled swarm service that a browser watches has its tasks read again
   * (`HARBORMASTER_SWARM_TASKS_RECHECK_SECONDS`, default 10; 0: only on events). A task failing
   * on another node sends no event to the manager we talk to, so without it a crash-looping
   * task on a worker would show as running until the next event.
   */
  swarmTasksRecheckSeconds: number
  /**
   * Directories whose compose files (and `.env`) adoption may read when a compose CLI project's
   * labels name them (`HARBORMASTER_STACK_IMPORT_DIRS`); none by default.
   */
  stackImportDirs: string[]
  /**
   * Whether an engine reached through a unix socket sees this server's data directory at the same
   * path (`HARBORMASTER_DATA_DIR_ON_ENGINE_HOST`, default true; the image sets false: its `/data`
   * is a volume). Only then may a stack bind a folder of its own (`./conf:/conf`); an engine over
   * TCP never does.
   */
  dataDirOnEngineHost: boolean
  /** Bytes of one file uploaded into a stack's directory at most. */
  stackFileMaxBytes: number
  /** Bytes of all the files of one stack's directory at most, after an upload. */
  stackDirectoryMaxBytes: number
  /**
   * Terminal session audit bounds: rows live as long as the audit log's
   * (`HARBORMASTER_AUDIT_RETENTION_DAYS`), 100,000 at most; recordings
   * `HARBORMASTER_RECORDING_RETENTION_DAYS` (30) and `HARBORMASTER_RECORDING_MAX_MB` (200) in
   * all, the oldest deleted first.
   */
  terminalSessions: RetentionBounds
  /** Crash capsules and log retention (history/capsules/). */
  capsules: CapsuleConfig
  /** The built web app (apps/web/dist) served at `/`. */
  webDir: string
  logLevel: z.infer<typeof configSchema>['HARBORMASTER_LOG_LEVEL']
  /** The environment for the `local` host (DOCKER_HOST conventions). */
  engineEnv: NodeJS.ProcessEnv
}

/**
 * Reads configuration from the environment once at start-up.
 *
 * @throws {Error} naming every invalid variable, so a bad deployment fails before it listens.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration: ${problems.join('; ')}`)
  }
  const value = parsed.data
  const https = readHttpsFiles(value.HARBORMASTER_TLS_CERT, value.HARBORMASTER_TLS_KEY)
  const publicUrl = new URL(
    value.HARBORMASTER_PUBLIC_URL ??
      `${https ? 'https' : 'http'}://localhost:${value.HARBORMASTER_PORT}`,
  )
  return {
    declaredHosts: parseDeclaredHosts(value.HARBORMASTER_HOSTS),
    oidc: loadOidcConfig(env, publicUrl.origin),
    ...(value.HARBORMASTER_ADMIN_PASSWORD
      ? { adminPassword: value.HARBORMASTER_ADMIN_PASSWORD }
      : {}),
    https,
    publicOrigin: publicUrl.origin,
    allowedHosts: new AllowedHosts(
      publicUrl.origin,
      parseAllowedHosts(value.HARBORMASTER_ALLOWED_HOSTS),
    ),
    secureCookies: publicUrl.protocol === 'https:',
    trustedProxies: parseTrustedProxies(value.HARBORMASTER_TRUSTED_PROXIES),
    sessionIdleMinutes: value.HARBORMASTER_SESSION_IDLE_MINUTES,
    sessionMaxHours: value.HARBORMASTER_SESSION_MAX_HOURS,
    auditRetentionDays: value.HARBORMASTER_AUDIT_RETENTION_DAYS,
    timelineRetentionDays: value.HARBORMASTER_TIMELINE_RETENTION_DAYS,
    timelineMaxEvents: value.HARBORMASTER_TIMELINE_MAX_EVENTS,
    metricsRetentionDays: value.HARBORMASTER_METRICS_RETENTION_DAYS,
    metricsMaxSeries: value.HARBORMASTER_METRICS_MAX_SERIES,
    statsMaxStreams: value.HARBORMASTER_STATS_MAX_STREAMS,
    stackConcurrency: value.HARBORMASTER_STACK_CONCURRENCY,
    updateCheckHours: value.HARBORMASTER_UPDATE_CHECK_HOURS,
    updateHealthTimeoutSeconds: value.HARBORMASTER_UPDATE_HEALTH_TIMEOUT_SECONDS,
    alertRetrySeconds: value.HARBORMASTER_ALERT_RETRY_SECONDS,
    ...(value.HARBORMASTER_AUTO_UPDATE_WINDOW === undefined
      ? {}
      : { autoUpdateWindow: parseWindow(value.HARBORMASTER_AUTO_UPDATE_WINDOW) }),
    registryEndpoints: parseRegistryEndpoints(value.HARBORMASTER_REGISTRY_ENDPOINTS),
    stackWaitTimeoutSeconds: value.HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS,
    swarmTasksRecheckSeconds: value.HARBORMASTER_SWARM_TASKS_RECHECK_SECONDS,
    stackImportDirs: parseImportDirs(value.HARBORMASTER_STACK_IMPORT_DIRS),
    dataDirOnEngineHost: value.HARBORMASTER_DATA_DIR_ON_ENGINE_HOST,
    stackFileMaxBytes: value.HARBORMASTER_STACK_FILE_MAX_BYTES,
    stackDirectoryMaxBytes: value.HARBORMASTER_STACK_DIR_MAX_BYTES,
    terminalSessions: {
      rowMaxAgeMs: value.HARBORMASTER_AUDIT_RETENTION_DAYS * DAY_MS,
      rowMaxCount: SESSION_ROWS_MAX,
      recordingMaxAgeMs: value.HARBORMASTER_RECORDING_RETENTION_DAYS * DAY_MS,
      recordingMaxBytes: value.HARBORMASTER_RECORDING_MAX_MB * 1024 * 1024,
    },
    capsules: {
      logLines: value.HARBORMASTER_CAPSULE_LOG_LINES,
      logBytes: value.HARBORMASTER_CAPSULE_LOG_KIB * 1024,
      retentionDays: value.HARBORMASTER_CAPSULE_RETENTION_DAYS,
      maxBytes: value.HARBORMASTER_CAPSULE_MAX_MB * 1024 * 1024,
    },
    port: value.HARBORMASTER_PORT,
    bind: value.HARBORMASTER_BIND,
    dataDir: resolve(value.HARBORMASTER_DATA_DIR),
    webDir: resolve(
      value.HARBORMASTER_WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname,
    ),
    logLevel: value.HARBORMASTER_LOG_LEVEL,
    engineEnv: {
      DOCKER_HOST: value.DOCKER_HOST,
      DOCKER_TLS_VERIFY: value.DOCKER_TLS_VERIFY,
      DOCKER_TLS: value.DOCKER_TLS,
      DOCKER_CERT_PATH: value.DOCKER_CERT_PATH,
      DOCKER_API_VERSION: value.DOCKER_API_VERSION,
    },
  }
}

/**
 * Absolute directories, separated by commas: a label names a file to read, so a relative entry
 * (resolved against wherever the server happens to start) is refused rather than guessed.
 */
function parseImportDirs(text: string): string[] {
  const dirs = text
    .split(',')
    .map((dir) => dir.trim())
    .filter((dir) => dir !== '')
  for (const dir of dirs) {
    if (!isAbsolute(dir)) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_STACK_IMPORT_DIRS: "${dir}" is not an absolute path`,
      )
    }
  }
  return dirs.map((dir) => resolve(dir))
}

function readHttpsFiles(
  certPath: string | undefined,
  keyPath: string | undefined,
): Config['https'] {
  if (certPath === undefined && keyPath === undefined) return undefined
  if (certPath === undefined || keyPath === undefined) {
    throw new Error(
      'Invalid configuration: HARBORMASTER_TLS_CERT and HARBORMASTER_TLS_KEY go together',
    )
  }
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path, 'utf8')
    } catch (error) {
      throw new Error(`Invalid configuration: ${name}: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }
  return {
    cert: read('HARBORMASTER_TLS_CERT', certPath),
    key: read('HARBORMASTER_TLS_KEY', keyPath),
  }
}

/** `registry=url` pairs separated by commas; a URL must be http(s) with nothing after the host. */
function parseRegistryEndpoints(text: string): ReadonlyMap<string, string> {
  const endpoints = new Map<string, string>()
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const split = entry.indexOf('=')
    const registry = entry.slice(0, split).trim()
    const url = URL.parse(entry.slice(split + 1).trim())
    const plain = url !== null && /^https?:$/.test(url.protocol) && url.pathname === '/'
    if (split <= 0 || !plain) {
      throw new Error(
        `HARBORMASTER_REGISTRY_ENDPOINTS: "${entry}" is not registry=http(s)://host[:port]`,
      )
    }
    endpoints.set(registry, url.origin)
  }
  return endpoints
}
