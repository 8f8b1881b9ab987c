import { z } from 'zod'
import { maskedEnvSchema } from './env-masking.ts'
import { VOLUME_NAME, bindSchema, containerPathProblem } from './bind-paths.ts'

export const containerStateSchema = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
])
export type ContainerState = z.infer<typeof containerStateSchema>

export const portMappingSchema = z.object({
  privatePort: z.number(),
  type: z.enum(['tcp', 'udp', 'sctp']),
  publicPort: z.number().optional(),
  ip: z.string().optional(),
})

export const containerMountSchema = z.object({
  type: z.string(),
  name: z.string().optional(),
  source: z.string(),
  destination: z.string(),
  readWrite: z.boolean(),
})

/** A row of the containers table. */
export const containerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  /** Unix seconds. */
  created: z.number(),
  state: containerStateSchema,
  status: z.string(),
  health: z.enum(['starting', 'healthy', 'unhealthy']).optional(),
  ports: z.array(portMappingSchema),
  labels: z.record(z.string(), z.string()),
  networks: z.array(z.string()),
  mounts: z.array(containerMountSchema),
  /** Compose project (`com.docker.compose.project`), for grouping. */
  composeProject: z.string().optional(),
  sizeRw: z.number().optional(),
  sizeRootFs: z.number().optional(),
})
export type ContainerSummary = z.infer<typeof containerSummarySchema>

export const hostParamsSchema = z.object({ hostId: z.string().min(1).max(64) })
export const containerParamsSchema = hostParamsSchema.extend({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected a container id or name'),
})

export const listContainersQuerySchema = z
  .object({
    all: z.stringbool().default(true),
    size: z.stringbool().default(false),
  })
  .strict()

const nameSchema = z
  .string()
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'expected a name of letters, digits, _ . -')
  .max(128)
const envSchema = z
  .string()
  .regex(/^[^=\s][^=]*=/, 'expected KEY=value')
  .max(32 * 1024)

const publishedPortSchema = z
  .object({
    containerPort: z.int().min(1).max(65535),
    protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
    hostPort: z.int().min(0).max(65535).optional(),
    hostIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  })
  .strict()

const mountSchema = z
  .object({
    type: z.enum(['bind', 'volume', 'tmpfs', 'npipe']),
    source: z.string().max(4096).optional(),
    target: z.string().min(1).max(4096),
    readOnly: z.boolean().optional(),
    /** Volumes: do not copy the image's files at the target into a new volume. */
    noCopy: z.boolean().optional(),
    /** tmpfs: its size limit in bytes, and the mode of its root (`0o1777` by default). */
    tmpfsSizeBytes: z.int().min(0).optional(),
    tmpfsMode: z.int().min(0).max(0o7777).optional(),
  })
  .strict()
  .superRefine((mount, ctx) => {
    const problem = mountProblem(mount)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  })

/** What is wrong with a `mounts` entry, if anything: the source must suit the type. */
function mountProblem(mount: {
  type: string
  source?: string | undefined
  target: string
  noCopy?: boolean | undefined
  tmpfsSizeBytes?: number | undefined
  tmpfsMode?: number | undefined
}) {
  const source = mount.source ?? ''
  const targetProblem = containerPathProblem(mount.target)
  if (targetProblem !== undefined) return `target "${mount.target}": ${targetProblem}`
  if (mount.type === 'volume' && source !== '' && !VOLUME_NAME.test(source)) {
    return `source "${source}": expected a volume name of letters, digits, _ . -`
  }
  if (mount.type === 'bind' && !source.startsWith('/')) {
    return `source "${source}": expected an absolute host path`
  }
  if (mount.type === 'npipe' && source === '') return 'source: expected a named pipe'
  if (mount.type === 'tmpfs' && source !== '') return 'source: a tmpfs mount has none'
  if (mount.type !== 'tmpfs' && (mount.tmpfsSizeBytes ?? mount.tmpfsMode) !== undefined) {
    return 'tmpfsSizeBytes and tmpfsMode apply to tmpfs mounts'
  }
  if (mount.type !== 'volume' && mount.noCopy !== undefined) return 'noCopy applies to volumes'
  return undefined
}

const restartPolicySchema = z
  .object({
    name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
    maximumRetryCount: z.int().min(0).max(1000).optional(),
  })
  .strict()

const nanosecondsSchema = z.int().min(0)

/** The container's own health test, run inside it by the engine (compose `healthcheck`). */
const healthcheckSchema = z
  .object({
    /** `['CMD', ...]`, `['CMD-SHELL', command]` or `['NONE']`; absent keeps the image's test. */
    test: z
      .array(z.string().max(32 * 1024))
      .min(1)
      .max(256)
      .optional(),
    intervalNs: nanosecondsSchema.optional(),
    timeoutNs: nanosecondsSchema.optional(),
    startPeriodNs: nanosecondsSchema.optional(),
    startIntervalNs: nanosecondsSchema.optional(),
    retries: z.int().min(0).optional(),
  })
  .strict()

const ulimitSchema = z
  .object({
    name: z.string().regex(/^[a-z]{1,32}$/, 'expected a limit name such as nofile'),
    soft: z.int().min(-1),
    hard: z.int().min(-1),
  })
  .strict()

/** The engine's log driver for the container and its options (compose `logging`). */
const loggingSchema = z
  .object({
    driver: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'expected a log driver name'),
    options: z.record(z.string().min(1).max(256), z.string().max(4096)).optional(),
  })
  .strict()

/**
 * A network the container joins, with its endpoint settings. The first is the container's
 * network mode; the others are connected after the create, before the container starts.
 */
const endpointSchema = z
  .object({
    name: z.string().min(1).max(256),
    aliases: z.array(z.string().min(1).max(253)).max(32).optional(),
    ipv4Address: z.ipv4().optional(),
  })
  .strict()

/**
 * What a create form may send. Every field maps to one engine setting; the fields that hand over
 * the host (privileged, host namespaces, devices…) are here for admins and refused for everyone
 * else by the server's policy, which names the setting.
 */
export const containerCreateSchema = z
  .object({
    image: z.string().min(1).max(512),
    name: nameSchema.optional(),
    cmd: z
      .array(z.string().max(32 * 1024))
      .max(256)
      .optional(),
    entrypoint: z
      .array(z.string().max(32 * 1024))
      .max(256)
      .optional(),
    env: z.array(envSchema).max(512).optional(),
    workingDir: z.string().max(4096).optional(),
    user: z.string().max(256).optional(),
    hostname: z.string().max(253).optional(),
    labels: z.record(z.string().min(1).max(512), z.string().max(4096)).optional(),
    tty: z.boolean().optional(),
    openStdin: z.boolean().optional(),
    ports: z.array(publishedPortSchema).max(256).optional(),
    volumes: z.array(z.string().min(1).max(4096)).max(64).optional(),
    binds: z.array(bindSchema).max(64).optional(),
    mounts: z.array(mountSchema).max(64).optional(),
    restartPolicy: restartPolicySchema.optional(),
    memoryBytes: z
      .int()
      .min(6 * 1024 * 1024)
      .optional(),
    nanoCpus: z.int().min(1_000_000).optional(),
    cpuShares: z.int().min(2).max(262144).optional(),
    pidsLimit: z.int().min(1).optional(),
    autoRemove: z.boolean().optional(),
    init: z.boolean().optional(),
    readonlyRootfs: z.boolean().optional(),
    networkMode: z.string().max(256).optional(),
    networks: z.array(endpointSchema).min(1).max(16).optional(),
    stopSignal: z.string().max(32).optional(),
    /** Seconds the engine waits after the stop signal before it kills the container. */
    stopTimeout: z.int().min(0).max(3600).optional(),
    healthcheck: healthcheckSchema.optional(),
    ulimits: z.array(ulimitSchema).max(32).optional(),
    logging: loggingSchema.optional(),
    /** A soft memory limit the kernel reclaims down to under pressure. */
    memoryReservationBytes: z.int().min(0).optional(),
    // Admin-only settings (issue 9): accepted by the schema so the refusal can name them.
    privileged: z.boolean().optional(),
    volumesFrom: z.array(z.string().max(256)).max(16).optional(),
    pidMode: z.string().max(256).optional(),
    ipcMode: z.string().max(256).optional(),
    utsMode: z.string().max(256).optional(),
    usernsMode: z.string().max(256).optional(),
    cgroupnsMode: z.string().max(256).optional(),
    capAdd: z.array(z.string().max(64)).max(64).optional(),
    capDrop: z.array(z.string().max(64)).max(64).optional(),
    securityOpt: z.array(z.string().max(1024)).max(32).optional(),
    devices: z
      .array(
        z
          .object({
            pathOnHost: z.string().max(4096),
            pathInContainer: z.string().max(4096),
            cgroupPermissions: z
              .string()
              .regex(/^[rwm]{1,3}$/, 'expected r, w and m')
              .optional(),
          })
          .strict(),
      )
      .max(32)
      .optional(),
    sysctls: z.record(z.string().max(256), z.string().max(1024)).optional(),
    runtime: z.string().max(128).optional(),
    cgroupParent: z.string().max(4096).optional(),
    volumeDriver: z.string().max(128).optional(),
  })
  .strict()
  .refine((spec) => spec.networks === undefined || spec.networkMode === undefined, {
    message: 'networks and networkMode exclude each other: the first network is the mode',
    path: ['networks'],
  })
export type ContainerCreateInput = z.infer<typeof containerCreateSchema>

export const containerUpdateSchema = z
  .object({
    memoryBytes: z
      .int()
      .min(6 * 1024 * 1024)
      .optional(),
    memorySwapBytes: z.int().min(-1).optional(),
    nanoCpus: z.int().min(1_000_000).optional(),
    cpuShares: z.int().min(2).max(262144).optional(),
    pidsLimit: z.int().min(1).optional(),
    restartPolicy: restartPolicySchema.optional(),
  })
  .strict()
export type ContainerUpdateInput = z.infer<typeof containerUpdateSchema>

export const containerDetailsSchema = z.object({
  id: z.string(),
  name: z.string(),
  created: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.array(z.string()),
  state: z.object({
    status: containerStateSchema,
    running: z.boolean(),
    paused: z.boolean(),
    restarting: z.boolean(),
    oomKilled: z.boolean(),
    pid: z.number(),
    exitCode: z.number(),
    error: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    health: z.string().optional(),
  }),
  restartCount: z.number(),
  restartPolicy: restartPolicySchema,
  env: z.array(z.string()),
  /** See `maskedEnvSchema`: values withheld from this caller, in `env` and `raw.Config.Env`. */
  maskedEnv: maskedEnvSchema,
  labels: z.record(z.string(), z.string()),
  tty: z.boolean(),
  openStdin: z.boolean(),
  workingDir: z.string(),
  user: z.string(),
  ports: z.array(portMappingSchema),
  mounts: z.array(containerMountSchema),
  networks: z.record(
    z.string(),
    z.object({
      ipAddress: z.string().optional(),
      gateway: z.string().optional(),
      aliases: z.array(z.string()),
    }),
  ),
  limits: z.object({ memoryBytes: z.number(), nanoCpus: z.number(), cpuShares: z.number() }),
  privileged: z.boolean(),
  networkMode: z.string(),
  /**
   * Settings only an admin may create (privileged, host paths, host namespaces…), each with its
   * value: `mounts (/var/run/docker.sock)`. Whoever runs code in such a container owns the host,
   * so a shell, attach input and its files are admin-only; empty for a plain container.
   */
  adminOnly: z.array(z.string()),
  /**
   * The engine's inspect document as it came, for the raw JSON view, except environment values
   * the caller may not see (masked as in `env`).
   */
  raw: z.unknown(),
})
export type ContainerDetails = z.infer<typeof containerDetailsSchema>

export const containerCreatedSchema = z.object({ id: z.string(), warnings: z.array(z.string()) })
export type ContainerCreated = z.infer<typeof containerCreatedSchema>

/** `POST …/update`: the engine's warnings about the new limits. */
export const containerUpdatedSchema = z.object({ warnings: z.array(z.string()) })
export type ContainerUpdated = z.infer<typeof containerUpdatedSchema>

/** `POST …/wait`: the exit code once the container stops, and the engine's error if any. */
export const containerExitSchema = z.object({ exitCode: z.int(), error: z.string().optional() })
export type ContainerExit = z.infer<typeof containerExitSchema>

export const killQuerySchema = z
  .object({
    signal: z
      .string()
      .regex(/^(SIG)?[A-Z0-9+-]{1,16}$|^\d{1,2}$/, 'expected a signal name or number')
      .optional(),
  })
  .strict()
export const stopQuerySchema = z
  .object({ t: z.coerce.number().int().min(0).max(3600).optional() })
  .strict()
export const removeQuerySchema = z
  .object({ force: z.stringbool().default(false), volumes: z.stringbool().default(false) })
  .strict()
export const renameSchema = z.object({ name: nameSchema }).strict()

export const pruneResultSchema = z.object({
  deleted: z.array(z.string()),
  spaceReclaimed: z.number(),
})
export type PruneResult = z.infer<typeof pruneResultSchema>

export const processListSchema = z.object({
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
})
export type ProcessList = z.infer<typeof processListSchema>

export const filesystemChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['modified', 'added', 'deleted']),
})
export type FilesystemChange = z.infer<typeof filesystemChangeSchema>
