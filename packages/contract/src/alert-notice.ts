import { z } from 'zod'

/**
 * What an alert is about (issue 19). The rules decide when one fires and when it is resolved;
 * the channels only carry the notice. Defined apart from both so that rules, channels and image
 * updates share one shape.
 */
export const alertKindSchema = z.enum([
  'container.exit',
  'container.oom',
  'container.unhealthy',
  'container.restart-loop',
  'host.down',
  'host.disk',
  'image.update',
  /** An automatic image update was applied (or rolled back, or failed): opt-in updates. */
  'image.updated',
])
export type AlertKind = z.infer<typeof alertKindSchema>

export const alertSeveritySchema = z.enum(['critical', 'warning', 'info'])
export type AlertSeverity = z.infer<typeof alertSeveritySchema>

/** One alert as every channel and the in-app list receive it (the webhook payload's body). */
export const alertNoticeSchema = z.object({
  /** Stable per firing: the resolved notice of an alert carries the firing one's id. */
  id: z.string(),
  kind: alertKindSchema,
  /** `firing` when it starts; `resolved` with the recovery ("healthy again", "host back"). */
  state: z.enum(['firing', 'resolved']),
  severity: alertSeveritySchema,
  /** One line: "web-1 exited with code 3 on prod". */
  title: z.string(),
  /** A few lines of detail, plain text. */
  body: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  subject: z
    .object({
      type: z.enum(['container', 'host', 'image', 'stack']),
      id: z.string(),
      name: z.string(),
    })
    .optional(),
  /** When the event behind it happened (ISO 8601). */
  at: z.string(),
  /** The dashboard page to open, absolute (from HARBORMASTER_PUBLIC_URL). */
  url: z.string().optional(),
  /** Firings of the same rule and subject held back by de-duplication since the last notice. */
  suppressed: z.number().int().nonnegative().optional(),
})
export type AlertNotice = z.infer<typeof alertNoticeSchema>

/**
 * A newer image for a tag in use, as the image update checker finds it; the `image.update`
 * rule turns findings into notices.
 */
export const imageUpdateFindingSchema = z.object({
  hostId: z.string(),
  /** The reference containers were created from: `registry.example.com/app:1`. */
  image: z.string(),
  /** The repo digest the engine recorded at pull. */
  currentDigest: z.string(),
  /** The digest the registry now serves for the tag. */
  newDigest: z.string(),
  /** Containers on the host using the image (ids). */
  containerIds: z.array(z.string()),
  checkedAt: z.string(),
})
export type ImageUpdateFinding = z.infer<typeof imageUpdateFindingSchema>

/**
 * An automatic image update (an opted-in container, in the maintenance window), as the
 * `image.updated` rule receives it: `updated`, `rolled-back` (the new container failed; the old
 * one runs again) or `failed` (nothing changed, e.g. the pull failed).
 */
export const autoUpdateAppliedSchema = z.object({
  hostId: z.string(),
  /** The container now: the new one once updated, the old one otherwise. */
  containerId: z.string(),
  name: z.string(),
  image: z.string(),
  outcome: z.enum(['updated', 'rolled-back', 'failed']),
  reason: z.string().optional(),
  /** The container's labels (rule and viewer scopes match them). */
  labels: z.record(z.string(), z.string()),
  at: z.string(),
})
export type AutoUpdateApplied = z.infer<typeof autoUpdateAppliedSchema>
