import { z } from 'zod'
import { containerPathProblem } from './bind-paths.ts'
import { hostParamsSchema } from './containers.ts'
import { maskedEnvSchema } from './env-masking.ts'

/*
 * Changes to swarm services, secrets and configs (issue 18). The settings mirror the engine
 * package's `ServiceSettings` field for field; the server's policy judges each the way it judges
 * the same setting on a container, and names the field in its 403.
 */

const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/
const nanoseconds = z.int().min(0)
const shortList = (max: number, item = z.string().max(32 * 1024)) => z.array(item).max(max)
const labelMap = z.record(z.string().min(1).max(512), z.string().max(4096))

const serviceMountSchema = z
  .object({
    type: z.enum(['bind', 'volume', 'tmpfs']),
    source: z.string().max(4096).optional(),
    target: z.string().min(1).max(4096),
    readOnly: z.boolean().optional(),
    noCopy: z.boolean().optional(),
    tmpfsSizeBytes: z.int().min(0).optional(),
    tmpfsMode: z.int().min(0).max(0o7777).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const problem =
      containerPathProblem(m.target) === undefined
        ? undefined
        : `target "${m.target}": ${containerPathProblem(m.target) ?? ''}`
    const source = m.source ?? ''
    const message =
      problem ??
      (m.type === 'bind' && !source.startsWith('/')
        ? `source "${source}": expected an absolute host path`
        : m.type === 'tmpfs' && source !== ''
          ? 'source: a tmpfs mount has none'
          : undefined)
    if (message !== undefined) ctx.addIssue({ code: 'custom', message })
  })

const servicePortSchema = z
  .object({
    targetPort: z.int().min(1).max(65535),
    publishedPort: z.int().min(1).max(65535).optional(),
    protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
    mode: z.enum(['ingress', 'host']).default('ingress'),
  })
  .strict()

const fileRefSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(SERVICE_NAME, 'expected a name of letters, digits, _ . -'),
    target: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\0]+$/, 'expected a file name without /')
      .optional(),
    uid: z
      .string()
      .regex(/^\d{1,10}$/, 'expected a numeric uid')
      .optional(),
    gid: z
      .string()
      .regex(/^\d{1,10}$/, 'expected a numeric gid')
      .optional(),
    mode: z.int().min(0).max(0o777).optional(),
  })
  .strict()

const rolloutSchema = z
  .object({
    parallelism: z.int().min(0).max(1000).optional(),
    delayNs: nanoseconds.optional(),
    failureAction: z.enum(['pause', 'continue', 'rollback']).optional(),
    monitorNs: nanoseconds.optional(),
    maxFailureRatio: z.number().min(0).max(1).optional(),
    order: z.enum(['stop-first', 'start-first']).optional(),
  })
  .strict()

const resourcesSchema = z
  .object({
    nanoCpus: z.int().min(1_000_000).optional(),
    memoryBytes: z
      .int()
      .min(4 * 1024 * 1024)
      .optional(),
    pids: z.int().min(1).optional(),
  })
  .strict()

/** Every field of a service the form can set (`docker service create` and its flags). */
const serviceSettingsShape = {
  name: z.string().regex(SERVICE_NAME, 'expected a name of letters, digits, _ . - (63 at most)'),
  image: z.string().min(1).max(512),
  command: shortList(256).optional(),
  args: shortList(256).optional(),
  env: shortList(
    512,
    z
      .string()
      .regex(/^[^=\s][^=]*=/, 'expected KEY=value')
      .max(32 * 1024),
  ).optional(),
  labels: labelMap.optional(),
  containerLabels: labelMap.optional(),
  hostname: z.string().max(253).optional(),
  user: z.string().max(256).optional(),
  workdir: z.string().max(4096).optional(),
  mounts: z.array(serviceMountSchema).max(64).optional(),
  networks: z
    .array(
      z
        .object({
          name: z.string().min(1).max(256),
          aliases: z.array(z.string().min(1).max(253)).max(32).optional(),
        })
        .strict(),
    )
    .max(16)
    .optional(),
  ports: z.array(servicePortSchema).max(256).optional(),
  endpointMode: z.enum(['vip', 'dnsrr']).optional(),
  mode: z
    .union([
      z.object({ replicated: z.int().min(0).max(10_000) }).strict(),
      z.object({ global: z.literal(true) }).strict(),
    ])
    .optional(),
  placement: z
    .object({
      constraints: shortList(64, z.string().min(1).max(1024)).optional(),
      spread: shortList(16, z.string().min(1).max(1024)).optional(),
      maxReplicas: z.int().min(1).optional(),
    })
    .strict()
    .optional(),
  resources: z
    .object({ limits: resourcesSchema.optional(), reservations: resourcesSchema.optional() })
    .strict()
    .optional(),
  restartPolicy: z
    .object({
      condition: z.enum(['none', 'on-failure', 'any']).optional(),
      delayNs: nanoseconds.optional(),
      maxAttempts: z.int().min(0).optional(),
      windowNs: nanoseconds.optional(),
    })
    .strict()
    .optional(),
  updateConfig: rolloutSchema.optional(),
  rollbackConfig: rolloutSchema.optional(),
  secrets: z.array(fileRefSchema).max(64).optional(),
  configs: z.array(fileRefSchema).max(64).optional(),
  healthcheck: z
    .object({
      test: shortList(256).min(1).optional(),
      intervalNs: nanoseconds.optional(),
      timeoutNs: nanoseconds.optional(),
      startPeriodNs: nanoseconds.optional(),
      retries: z.int().min(0).optional(),
    })
    .strict()
    .optional(),
  init: z.boolean().optional(),
  readOnly: z.boolean().optional(),
  stopGracePeriodNs: nanoseconds.optional(),
  capDrop: shortList(64, z.string().max(64)).optional(),
  // Settings only an admin may use (as on containers): accepted so the refusal can name them.
  capAdd: shortList(64, z.string().max(64)).optional(),
  sysctls: z.record(z.string().max(256), z.string().max(1024)).optional(),
  logDriver: z
    .object({
      name: z
        .string()
        .min(1)
        .max(128)
        .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'expected a log driver name'),
      options: z.record(z.string().min(1).max(256), z.string().max(4096)).optional(),
    })
    .strict()
    .optional(),
}

/** `POST /swarm/services`: the whole service. */
export const serviceCreateSchema = z.object(serviceSettingsShape).strict()
export type ServiceCreateInput = z.infer<typeof serviceCreateSchema>

/**
 * `PATCH /swarm/services/:id`: the fields to change, each replacing the service's own whole
 * (a list is the new list); the others stay as they are. The name cannot change.
 */
export const serviceUpdateSchema = serviceCreateSchema.omit({ name: true }).partial().strict()
export type ServiceUpdateInput = z.infer<typeof serviceUpdateSchema>

export const serviceScaleSchema = z.object({ replicas: z.int().min(0).max(10_000) }).strict()
export type ServiceScaleInput = z.infer<typeof serviceScaleSchema>

export const serviceCreatedSchema = z.object({ id: z.string(), warnings: z.array(z.string()) })
export type ServiceCreated = z.infer<typeof serviceCreatedSchema>

/** The answer to every change of an existing service: the engine's warnings. */
export const serviceChangedSchema = z.object({ warnings: z.array(z.string()) })
export type ServiceChanged = z.infer<typeof serviceChangedSchema>

/** `GET /swarm/services/:id`: the spec as settings, before and now, and the update's progress. */
export const serviceDetailsSchema = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  settings: serviceCreateSchema,
  /** Spec fields set that the settings cannot say (changing such a service is admin-only). */
  unmodelled: z.array(z.string()),
  previousSettings: serviceCreateSchema.optional(),
  /** Environment entries whose values are withheld from this caller, in both settings. */
  maskedEnv: maskedEnvSchema,
  updateStatus: z
    .object({
      state: z.string(),
      startedAt: z.string().optional(),
      completedAt: z.string().optional(),
      message: z.string().optional(),
    })
    .optional(),
})
export type ServiceDetails = z.infer<typeof serviceDetailsSchema>

const swarmFileNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(SERVICE_NAME, 'expected a name of letters, digits, _ . -')

/**
 * `POST /swarm/secrets` and `/swarm/configs`: the value is sent once (UTF-8 text, or base64 for
 * bytes) and never returned by any answer. The engine caps both at 500 KB.
 */
export const swarmFileCreateSchema = z
  .object({
    name: swarmFileNameSchema,
    labels: labelMap.optional(),
    value: z
      .string()
      .max(500 * 1024)
      .optional(),
    valueBase64: z
      .base64()
      .max(700 * 1024)
      .optional(),
  })
  .strict()
  .refine((f) => (f.value === undefined) !== (f.valueBase64 === undefined), {
    message: 'expected exactly one of value and valueBase64',
    path: ['value'],
  })
export type SwarmFileCreateInput = z.infer<typeof swarmFileCreateSchema>

export const swarmFileCreatedSchema = z.object({ id: z.string() })
export type SwarmFileCreated = z.infer<typeof swarmFileCreatedSchema>

export const swarmFileParamsSchema = hostParamsSchema.extend({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected an id or name'),
})
