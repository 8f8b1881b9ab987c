import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'
import { maskedEnvSchema } from './env-masking.ts'
import { apiErrorSchema } from './errors.ts'

const REF_MESSAGE = 'expected an image id or reference (name[:tag])'
const labelsSchema = z.record(z.string().min(1).max(512), z.string().max(4096))
const buildArgsSchema = z.record(z.string().min(1).max(256), z.string().max(32 * 1024))

/**
 * An image id (`sha256:…`, a short hex id) or reference (`name[:tag]`, `registry:5000/team/app:1`,
 * `name@sha256:…`). Every `/` segment starts with a letter or digit, so no `.` or `..` segment
 * ever reaches the engine's URL. In a path the whole reference is one segment, URL-encoded
 * (`encodeURIComponent`): `/images/registry%3A5000%2Fteam%2Fapp%3A1`.
 */
export const imageRefSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:@/-]*$/, REF_MESSAGE)
  .refine((ref) => ref.split('/').every((segment) => /^[a-zA-Z0-9]/.test(segment)), REF_MESSAGE)

/** A repository without a tag: `app`, `team/app`, `registry:5000/team/app`. */
export const imageRepoSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'expected a repository name')
  .refine(
    (repo) => repo.split('/').every((segment) => /^[a-zA-Z0-9]/.test(segment)),
    'expected a repository name',
  )
export const imageTagSchema = z
  .string()
  .regex(/^\w[\w.-]{0,127}$/, 'expected a tag of letters, digits, _ . - (at most 128)')
const platformSchema = z
  .string()
  .regex(/^[a-z0-9_]+(\/[a-zA-Z0-9_.-]+){0,2}$/, 'expected os[/arch[/variant]]')

export const imageParamsSchema = hostParamsSchema.extend({ ref: imageRefSchema })

/** `GET /images`: filters computed by the server (in use = some container uses the image). */
export const listImagesQuerySchema = z
  .object({ dangling: z.stringbool().optional(), inUse: z.stringbool().optional() })
  .strict()

const imageUserSchema = z.object({ id: z.string(), name: z.string() })

/** A row of the images table. */
export const imageSummarySchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  parentId: z.string().optional(),
  /** Unix seconds. */
  created: z.number(),
  /** Bytes, shared layers included. */
  size: z.number(),
  labels: z.record(z.string(), z.string()),
  /** No tag left. */
  dangling: z.boolean(),
  inUse: z.boolean(),
  /** Containers (any state) created from this image that the caller may see. */
  containers: z.array(imageUserSchema),
})
export type ImageSummary = z.infer<typeof imageSummarySchema>

export const imageDetailsSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  parentId: z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  architecture: z.string(),
  variant: z.string().optional(),
  os: z.string(),
  size: z.number(),
  config: z.object({
    user: z.string(),
    env: z.array(z.string()),
    cmd: z.array(z.string()),
    entrypoint: z.array(z.string()),
    workingDir: z.string(),
    exposedPorts: z.array(z.string()),
    volumes: z.array(z.string()),
    labels: z.record(z.string(), z.string()),
    stopSignal: z.string().optional(),
  }),
  /**
   * See `maskedEnvSchema`: an image's environment is masked like a container's, since an image
   * committed from a container carries that container's environment.
   */
  maskedEnv: maskedEnvSchema,
  layers: z.array(z.string()),
  containers: z.array(imageUserSchema),
  /**
   * The engine's inspect document as it came, for the raw JSON view, except environment values
   * the caller may not see (`Config.Env`, `ContainerConfig.Env`, masked as in `config.env`).
   */
  raw: z.unknown(),
})
export type ImageDetails = z.infer<typeof imageDetailsSchema>

export const imageHistoryEntrySchema = z.object({
  id: z.string().optional(),
  created: z.number(),
  createdBy: z.string(),
  tags: z.array(z.string()),
  size: z.number(),
  comment: z.string(),
})
export type ImageHistoryEntry = z.infer<typeof imageHistoryEntrySchema>

/**
 * `POST /images/pull`. `registryAuth` is a secret: sent to the engine only, never audited or
 * logged, never returned.
 */
export const imagePullSchema = z
  .object({
    image: imageRefSchema,
    tag: imageTagSchema.optional(),
    platform: platformSchema.optional(),
    registryAuth: z
      .object({
        username: z.string().min(1).max(1024),
        password: z
          .string()
          .min(1)
          .max(16 * 1024),
        serveraddress: z.string().min(1).max(1024),
      })
      .strict()
      .optional(),
  })
  .strict()
export type ImagePullInput = z.infer<typeof imagePullSchema>

export const imageTagInputSchema = z
  .object({ repo: imageRepoSchema, tag: imageTagSchema.optional() })
  .strict()
export type ImageTagInput = z.infer<typeof imageTagInputSchema>

export const removeImageQuerySchema = z.object({ force: z.stringbool().default(false) }).strict()
/** Without `all`, only dangling images are pruned. */
export const pruneImagesQuerySchema = z.object({ all: z.stringbool().default(false) }).strict()

export const imageRemovalSchema = z.object({
  untagged: z.array(z.string()),
  deleted: z.array(z.string()),
})
export type ImageRemoval = z.infer<typeof imageRemovalSchema>

/** A query parameter carrying a JSON object of strings (`?buildArgs={"A":"1"}`). */
const jsonQueryRecord = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(256 * 1024)
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text)
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object' })
        return z.NEVER
      }
    })
    .pipe(schema)

/** A comma-separated query list (`?tags=app:1,app:latest`). */
const commaRefList = () =>
  z
    .string()
    .max(64 * 1024)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(imageRefSchema).min(1).max(32))

/**
 * `POST /images/build` with a context tar as the body (`Content-Type: application/x-tar`), or no
 * body and `remote` (admins only: the engine fetches the URL).
 */
export const imageBuildQuerySchema = z
  .object({
    dockerfile: z.string().min(1).max(4096).optional(),
    tags: commaRefList().optional(),
    buildArgs: jsonQueryRecord(buildArgsSchema).optional(),
    labels: jsonQueryRecord(labelsSchema).optional(),
    nocache: z.stringbool().default(false),
    pull: z.stringbool().default(false),
    target: z.string().min(1).max(256).optional(),
    platform: platformSchema.optional(),
    remote: z.string().min(1).max(4096).optional(),
  })
  .strict()
export type ImageBuildQuery = z.infer<typeof imageBuildQuerySchema>

/** `POST /images/build` with a JSON body: a Dockerfile's text, built as a one-file context. */
export const imageBuildJsonSchema = z
  .object({
    dockerfile: z
      .string()
      .min(1)
      .max(512 * 1024),
    tags: z.array(imageRefSchema).max(32).optional(),
    buildArgs: buildArgsSchema.optional(),
    labels: labelsSchema.optional(),
    nocache: z.boolean().default(false),
    pull: z.boolean().default(false),
    target: z.string().min(1).max(256).optional(),
    platform: platformSchema.optional(),
  })
  .strict()
export type ImageBuildJson = z.infer<typeof imageBuildJsonSchema>

/** `POST /images/import`: a root filesystem tar as the body, or `fromSrc` (admins only). */
export const imageImportQuerySchema = z
  .object({
    repo: imageRepoSchema.optional(),
    tag: imageTagSchema.optional(),
    fromSrc: z.string().min(1).max(4096).optional(),
  })
  .strict()

/** `GET /images/save?names=app:1,app:2`: a `docker save` tar of these images. */
export const imageSaveQuerySchema = z.object({ names: commaRefList() }).strict()

/** One line of a pull, build or import answer (`application/x-ndjson`). */
export const progressEventSchema = z.object({
  id: z.string().optional(),
  status: z.string().optional(),
  /** Build output text (may contain ANSI colours). */
  stream: z.string().optional(),
  current: z.number().optional(),
  total: z.number().optional(),
  /** Build result: `{ "ID": "sha256:…" }`. */
  aux: z.record(z.string(), z.unknown()).optional(),
})
export type ProgressEvent = z.infer<typeof progressEventSchema>

/** A line of an NDJSON answer: progress, or a final error envelope when the work failed. */
export const progressLineSchema = z.union([apiErrorSchema, progressEventSchema])
export type ProgressLine = z.infer<typeof progressLineSchema>
