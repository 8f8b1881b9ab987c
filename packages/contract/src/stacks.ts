import { z } from 'zod'
import { containerStateSchema, hostParamsSchema, portMappingSchema } from './containers.ts'
import { apiErrorSchema } from './errors.ts'
import { maskedEnvSchema } from './env-masking.ts'
import { logLineSchema, logsQuerySchema } from './live.ts'

/*
 * Stacks: compose projects on one host. A stack is either ours (its compose file and `.env` are
 * kept by the server, with every saved version) or the compose CLI's (its containers carry
 * `com.docker.compose.project`; no file until it is adopted). Both are listed from the
 * container model, so the list costs no engine call.
 */

/**
 * A compose project name, as the compose CLI accepts it: lowercase letters, digits, `-` and `_`,
 * starting with a letter or digit. It prefixes every object the stack creates.
 */
export const stackNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'expected a project name of lowercase letters, digits, - and _, starting with a letter or digit',
  )

export const stackParamsSchema = hostParamsSchema.extend({ name: stackNameSchema })

/** Running n of m: `partial` when some but not all containers run. */
export const stackStatusSchema = z.enum(['running', 'partial', 'exited', 'created', 'empty'])
export type StackStatus = z.infer<typeof stackStatusSchema>

export const stackServiceSummarySchema = z.object({
  name: z.string(),
  running: z.int(),
  total: z.int(),
})

/** Who saved or deployed, and when (ISO 8601). */
export const stackStampSchema = z.object({
  at: z.string(),
  by: z.string(),
  version: z.int(),
})
export type StackStamp = z.infer<typeof stackStampSchema>

/**
 * How a stack is deployed: `compose` (containers on one engine, as `docker compose up`) or
 * `swarm` (services on a swarm, as `docker stack deploy`).
 */
export const stackTargetSchema = z.enum(['compose', 'swarm'])
export type StackTarget = z.infer<typeof stackTargetSchema>

export const stackSummarySchema = z.object({
  name: z.string(),
  /** Absent: `compose`. */
  target: stackTargetSchema.optional(),
  /** `managed`: the server keeps its file; `cli`: made by the compose CLI, not adopted. */
  origin: z.enum(['managed', 'cli']),
  status: stackStatusSchema,
  running: z.int(),
  total: z.int(),
  services: z.array(stackServiceSummarySchema),
  /** Published ports of every container, for the list's ports column. */
  ports: z.array(portMappingSchema),
  /** Managed stacks: the last saved version. */
  saved: stackStampSchema.optional(),
  /** Managed stacks: the last deploy (`up` or redeploy). */
  deployed: stackStampSchema.optional(),
  /** CLI stacks: `com.docker.compose.project.config_files` and `.working_dir`, as labelled. */
  configFiles: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  /**
   * Compose stacks: the services whose image the last image update check found a new digest
   * for (any of their containers'); absent when none has one.
   */
  updates: z.array(z.string()).optional(),
})
export type StackSummary = z.infer<typeof stackSummarySchema>

export const stackContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `com.docker.compose.container-number`. */
  number: z.int(),
  state: containerStateSchema,
  status: z.string(),
  health: z.enum(['starting', 'healthy', 'unhealthy']).optional(),
  image: z.string(),
  ports: z.array(portMappingSchema),
})
export type StackContainer = z.infer<typeof stackContainerSchema>

export const stackServiceSchema = z.object({
  name: z.string(),
  /** Its containers' image; the file's when it has none (absent for a service that builds). */
  image: z.string().optional(),
  /**
   * Managed stacks: how many containers the deployed file (or the saved one, before any deploy)
   * asks for. Absent for a service only containers name: a CLI project's, or one the file no
   * longer has. A service of the file with no container is listed with none (scaled to 0, or
   * not created yet).
   */
  replicas: z.int().optional(),
  containers: z.array(stackContainerSchema),
  /** Swarm stacks: the service (`<stack>_<service>`) and its tasks running of those desired. */
  swarm: z
    .object({
      id: z.string(),
      name: z.string(),
      mode: z.string(),
      running: z.int(),
      desired: z.int(),
    })
    .optional(),
})
export type StackService = z.infer<typeof stackServiceSchema>

export const stackDetailsSchema = stackSummarySchema.extend({
  services: z.array(stackServiceSchema),
})
export type StackDetails = z.infer<typeof stackDetailsSchema>

/** The `.env` of a stack: `KEY=value` lines as written; values masked like container env. */
export const stackFilesSchema = z.object({
  version: z.int(),
  compose: z.string(),
  env: z.string(),
  /**
   * Keys of `env` whose values this caller may not see: each value is written as
   * `MASKED_ENV_VALUE` (`KEY=[masked]`; a quoted value keeps its quotes, `KEY="[masked]"`).
   */
  maskedEnv: maskedEnvSchema,
  savedAt: z.string(),
  savedBy: z.string(),
  comment: z.string().optional(),
})
export type StackFiles = z.infer<typeof stackFilesSchema>

const composeTextSchema = z.string().max(512 * 1024)
const envTextSchema = z.string().max(128 * 1024)

/** `POST /stacks`: a new managed stack, saved as version 1 (deployed by `up`, not here). */
export const stackCreateSchema = z
  .object({
    name: stackNameSchema,
    compose: composeTextSchema,
    env: envTextSchema.default(''),
    comment: z.string().max(1024).optional(),
    /** Default: `swarm` on a swarm manager, else `compose`. */
    target: stackTargetSchema.optional(),
  })
  .strict()
export type StackCreateInput = z.input<typeof stackCreateSchema>

/**
 * `PUT /stacks/:name`: a new version. `baseVersion` is the version the editor started from: a
 * save over someone else's newer version is a 409, not a silent overwrite. A masked `.env`
 * value sent back unchanged (`KEY=[masked]`, or in quotes) keeps the stored value of that key;
 * a mask for a key with no stored value is a 400.
 */
export const stackSaveSchema = z
  .object({
    compose: composeTextSchema,
    env: envTextSchema.default(''),
    baseVersion: z.int().min(1),
    comment: z.string().max(1024).optional(),
  })
  .strict()
export type StackSaveInput = z.input<typeof stackSaveSchema>

/** `POST /stacks/validate`: the editor's check as you type (nothing saved, nothing created). */
export const stackValidateSchema = z
  .object({
    name: stackNameSchema,
    compose: composeTextSchema,
    env: envTextSchema.default(''),
    /** Check for this target; default the stored stack's, else `compose`. */
    target: stackTargetSchema.optional(),
  })
  .strict()

/** One problem in the file, at its place (1-based line and column). */
export const stackIssueSchema = z.object({
  message: z.string(),
  /** The file it is in: `compose.yaml`, `.env`, or an `env_file`. */
  file: z.string(),
  line: z.int(),
  column: z.int(),
  /**
   * The key path, e.g. `services.web.ports[0]`; '' for the file as a whole (a YAML error). The
   * message does not repeat it: show `path: message`.
   */
  path: z.string(),
  /** `error`: the stack cannot deploy; `policy`: refused for this caller's role. */
  kind: z.enum(['error', 'policy']),
})
export type StackIssue = z.infer<typeof stackIssueSchema>

export const stackValidationSchema = z.object({
  issues: z.array(stackIssueSchema),
  /** The services the file deploys (after profiles), for the editor's outline. */
  services: z.array(z.string()),
})
export type StackValidation = z.infer<typeof stackValidationSchema>

export const stackVersionSchema = z.object({
  version: z.int(),
  savedAt: z.string(),
  savedBy: z.string(),
  comment: z.string().optional(),
})
export type StackVersion = z.infer<typeof stackVersionSchema>

export const stackVersionParamsSchema = stackParamsSchema.extend({
  version: z.coerce.number().int().min(1),
})

/** `POST /stacks/:name/up`. */
export const stackUpSchema = z
  .object({
    /** Deploy this saved version (a rollback) instead of the latest. */
    version: z.int().min(1).optional(),
    /** Remove containers of services no longer in the file. */
    removeOrphans: z.boolean().default(false),
    /** `missing`: pull images not on the host; `always`: pull every image (redeploy). */
    pull: z.enum(['missing', 'always']).default('missing'),
  })
  .strict()
export type StackUpInput = z.input<typeof stackUpSchema>

/** `POST /stacks/:name/down`. */
export const stackDownSchema = z
  .object({ volumes: z.boolean().default(false), removeOrphans: z.boolean().default(true) })
  .strict()
export type StackDownInput = z.input<typeof stackDownSchema>

/** `POST /stacks/:name/scale`. */
export const stackScaleSchema = z
  .object({ service: z.string().min(1).max(256), replicas: z.int().min(0).max(100) })
  .strict()
export type StackScaleInput = z.infer<typeof stackScaleSchema>

/** One step of a stack operation, as a line of its NDJSON answer. */
export const stackStepSchema = z.object({
  type: z.literal('step'),
  /** What the step acts on. */
  object: z.enum([
    'network',
    'volume',
    'image',
    'container',
    'stack',
    'service',
    'secret',
    'config',
  ]),
  /** The object's name (`<project>-<service>-<n>`, `<project>_<network>`, an image ref). */
  name: z.string(),
  service: z.string().optional(),
  action: z.enum([
    'create',
    'recreate',
    'pull',
    'build',
    'start',
    'stop',
    'restart',
    'remove',
    'wait-healthy',
    'wait-completed',
    'keep',
    'update',
    /** A setting the deploy ignores (swarm stacks: what `docker stack deploy` ignores). */
    'ignore',
  ]),
  state: z.enum(['started', 'progress', 'done', 'failed']),
  /** Pulls: bytes so far and in all, when the engine says. */
  current: z.number().optional(),
  total: z.number().optional(),
  message: z.string().optional(),
})
export type StackStep = z.infer<typeof stackStepSchema>

/** The last line of a stack operation that ran to its end. */
export const stackDoneSchema = z.object({
  type: z.literal('done'),
  /** How many mutating engine calls the operation made (0 for an `up` with nothing to do). */
  changes: z.int(),
})

export const stackLineSchema = z.union([stackStepSchema, stackDoneSchema, apiErrorSchema])
export type StackLine = z.infer<typeof stackLineSchema>

/**
 * `GET /stacks/:name/adoption`: a file for a compose CLI project, to review in the editor before
 * adopting it. `.env` values are masked as a stack's are; send them back unchanged to `adopt`
 * and each keeps the value the adoption found.
 */
export const stackAdoptionSchema = z.object({
  /** `recovered`: read from the project's config files; `generated`: from its containers. */
  source: z.enum(['recovered', 'generated']),
  compose: z.string(),
  env: z.string(),
  /** Keys of `env` whose values this caller may not see (written `KEY=[masked]`). */
  maskedEnv: maskedEnvSchema,
  /** What the generated file could not reproduce, for the reviewer. */
  notes: z.array(z.string()),
})
export type StackAdoption = z.infer<typeof stackAdoptionSchema>

/**
 * `POST /stacks/:name/adopt`: a compose CLI project becomes a managed stack, saved as version 1
 * (its containers are left as they are until the next `up`). A masked `.env` value sent back
 * unchanged keeps the value the adoption found for that key.
 */
export const stackAdoptSchema = z
  .object({
    compose: composeTextSchema,
    env: envTextSchema.default(''),
    comment: z.string().max(1024).optional(),
  })
  .strict()
export type StackAdoptInput = z.input<typeof stackAdoptSchema>

/** `GET /stacks/:name/logs` (WebSocket): the merged logs of the stack's containers. */
export const stackLogsQuerySchema = logsQuerySchema
  .extend({
    /** Only this service's containers; every service when absent. */
    service: z.string().min(1).max(256).optional(),
  })
  .strict()
export type StackLogsQuery = z.infer<typeof stackLogsQuerySchema>

/** A log line of one container of the stack, with what the web shows as its prefix. */
export const stackLogLineSchema = logLineSchema.extend({
  service: z.string(),
  /** `com.docker.compose.container-number` (`web-2`). */
  number: z.int(),
})
export type StackLogLine = z.infer<typeof stackLogLineSchema>

export const stackLogsServerMessageSchema = z.discriminatedUnion('type', [
  /** Lines as each container's log gave them, batched: merged in arrival order. */
  z.object({ type: z.literal('lines'), lines: z.array(stackLogLineSchema) }),
  /** Every container's log ended (not following, or all stopped). */
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('error'), error: apiErrorSchema.shape.error }),
])
export type StackLogsServerMessage = z.infer<typeof stackLogsServerMessageSchema>
