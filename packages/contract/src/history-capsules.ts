import { z } from 'zod'
import { hostParamsSchema } from './containers.ts'
import { logLineSchema } from './live.ts'

/**
 * Crash capsules (issue 20): what Harbormaster keeps of a container that died badly or was
 * removed, read at its `die` event, before an auto-removing container's log disappears.
 */

/** Why the capsule was kept: a non-zero exit, an OOM kill, or a removal (after a clean exit). */
export const capsuleReasonSchema = z.enum(['exit', 'oom', 'removed'])
export type CapsuleReason = z.infer<typeof capsuleReasonSchema>

/**
 * Where the log lines came from: the engine at `die`; the server's own ring (log retention),
 * because the engine's log was gone; or nowhere (`notes` says why).
 */
export const capsuleLogSourceSchema = z.enum(['engine', 'retention', 'none'])
export type CapsuleLogSource = z.infer<typeof capsuleLogSourceSchema>

export const capsuleSummarySchema = z.object({
  id: z.string(),
  hostId: z.string(),
  containerId: z.string(),
  /** The container's name when it died (without the leading "/"). */
  name: z.string(),
  reason: capsuleReasonSchema,
  /** Null when unknown (removed while the server was down, inspect gone). */
  exitCode: z.int().nullable(),
  oomKilled: z.boolean(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The image as the container named it (`nginx:1.27`). */
  image: z.string(),
  /** The first of the image's repo digests (`nginx@sha256:…`), null when none or unknown. */
  imageDigest: z.string().nullable(),
  /** When the capsule was made. */
  capturedAt: z.string(),
  logSource: capsuleLogSourceSchema,
  logLineCount: z.int(),
})
export type CapsuleSummary = z.infer<typeof capsuleSummarySchema>

export const capsuleSchema = capsuleSummarySchema.extend({
  imageId: z.string().nullable(),
  /** Every RepoDigest of the image id, as the engine listed them when the capsule was made. */
  imageDigests: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  /**
   * The container's inspect as the engine sent it, every environment value masked as for
   * viewers (`NAME=[masked]`), whoever asks; null when the engine no longer had it.
   */
  inspect: z.record(z.string(), z.unknown()).nullable(),
  /** The last lines of the log (default 500 lines or 256 KiB, whichever is less). */
  log: z.array(logLineSchema),
  /** What could not be kept, in plain words ("the log was gone: the container was removed…"). */
  notes: z.array(z.string()),
})
export type Capsule = z.infer<typeof capsuleSchema>

export const capsuleListSchema = z.object({ capsules: z.array(capsuleSummarySchema) })
export type CapsuleList = z.infer<typeof capsuleListSchema>

export const capsuleListQuerySchema = z
  .object({
    /** One container name's capsules (its earlier runs). */
    name: z
      .string()
      .min(1)
      .max(128)
      .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected a container name')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
export type CapsuleListQuery = z.input<typeof capsuleListQuerySchema>

export const capsuleParamsSchema = hostParamsSchema.extend({
  id: z.string().min(1).max(64),
})

/**
 * A log retention rule (opt-in): the server follows the log of every running container it
 * matches and keeps its last lines on disk, so a capsule has them even when the engine's log is
 * gone. `name`: one container name; `label`: `key` (any value) or `key=value`.
 */
export const logRetentionInputSchema = z
  .strictObject({
    match: z.enum(['name', 'label']),
    value: z.string().min(1).max(256),
  })
  .refine(
    (input) =>
      input.match === 'name'
        ? /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(input.value)
        : /^[^=\s]+(=\S*)?$/.test(input.value),
    {
      path: ['value'],
      message: 'expected a container name, or a label as key or key=value',
    },
  )
export type LogRetentionInput = z.infer<typeof logRetentionInputSchema>

export const logRetentionRuleSchema = z.object({
  match: z.enum(['name', 'label']),
  value: z.string(),
  id: z.string(),
  /**
   * The label scope of the operator who made it (`team=a`), or null: the rule only ever follows
   * containers inside it.
   */
  scope: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
})
export type LogRetentionRule = z.infer<typeof logRetentionRuleSchema>

export const logRetentionListSchema = z.object({
  rules: z.array(logRetentionRuleSchema),
  /** Containers whose log is being followed now (running and matched), of those you may see. */
  following: z.array(z.string()),
})
export type LogRetentionList = z.infer<typeof logRetentionListSchema>

export const logRetentionParamsSchema = hostParamsSchema.extend({
  id: z.string().min(1).max(64),
})
