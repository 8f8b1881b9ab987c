import { z } from 'zod'
import { alertKindSchema, alertNoticeSchema } from './alert-notice.ts'

/**
 * Alert rules and the alerts list (issue 19). A rule says which events of which hosts make an
 * alert (its kind and parameters), who hears of it (channel ids, delivered by the channels) and
 * how often (one notice per rule and subject per de-duplication window).
 */

/** `key=value`, as a host grant's label scope is written. */
const labelSelectorSchema = z
  .string()
  .regex(/^[^=\s]+=[^\s]*$/, 'a label selector is key=value')
  .max(256)

/** Which hosts and containers a rule watches. */
export const alertScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('hosts'), hostIds: z.array(z.string().min(1).max(64)).min(1) }),
  z.object({ type: z.literal('labels'), selector: labelSelectorSchema }),
  /** Containers of one stack (compose project or swarm stack) of that name. */
  z.object({ type: z.literal('stack'), name: z.string().min(1).max(128) }),
])
export type AlertScope = z.infer<typeof alertScopeSchema>

const none = z.object({}).strict()

/** The parameters of each kind of rule. */
export const alertRuleParamsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('container.exit'),
    /** Which exit codes count; absent or empty: any non-zero code. */
    params: z
      .object({ exitCodes: z.array(z.number().int().min(0).max(255)).max(64).optional() })
      .strict(),
  }),
  z.object({ kind: z.literal('container.oom'), params: none }),
  z.object({ kind: z.literal('container.unhealthy'), params: none }),
  z.object({
    kind: z.literal('container.restart-loop'),
    params: z
      .object({
        restarts: z.number().int().min(2).max(1000),
        windowMinutes: z.number().int().min(1).max(1440),
      })
      .strict(),
  }),
  z.object({
    kind: z.literal('host.down'),
    params: z.object({ afterSeconds: z.number().int().min(1).max(86_400) }).strict(),
  }),
  z.object({
    kind: z.literal('host.disk'),
    /**
     * Images + volumes + build cache above this many bytes. In bytes only: the Engine API sizes
     * what the engine keeps but does not say how large its disk is, so a share of it is unknown.
     */
    params: z.object({ thresholdBytes: z.number().int().positive() }).strict(),
  }),
  z.object({ kind: z.literal('image.update'), params: none }),
  z.object({ kind: z.literal('image.updated'), params: none }),
])
export type AlertRuleParams = z.infer<typeof alertRuleParamsSchema>

const ruleSettingsSchema = z.object({
  name: z.string().trim().min(1).max(128),
  scope: alertScopeSchema.default({ type: 'all' }),
  /** Channels (issue 19's channels) that receive its notices; none: the in-app list only. */
  channelIds: z.array(z.string().min(1).max(64)).max(32).default([]),
  enabled: z.boolean().default(true),
  /** One notice per rule and subject in this window; more firings are counted, then summed up. */
  dedupMinutes: z.number().int().min(0).max(10_080).default(15),
  /** Send a notice when it is over ("healthy again", "host back"). */
  recovery: z.boolean().default(true),
})

export const alertRuleInputSchema = z.intersection(ruleSettingsSchema, alertRuleParamsSchema)
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>

export const alertRuleSchema = z.intersection(
  ruleSettingsSchema.extend({
    id: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  alertRuleParamsSchema,
)
export type AlertRule = z.infer<typeof alertRuleSchema>

export const alertRuleListSchema = z.object({ rules: z.array(alertRuleSchema) })
export type AlertRuleList = z.infer<typeof alertRuleListSchema>
export const alertRuleResponseSchema = z.object({ rule: alertRuleSchema })
export type AlertRuleResponse = z.infer<typeof alertRuleResponseSchema>
export const alertRuleParamsPathSchema = z.object({ id: z.string().min(1).max(64) })

/**
 * An alert's state in the list: `firing` until over, then `resolved`; `notice` for the one-off
 * kinds (a restart loop, an image update found or applied), which tell of something that
 * happened and have nothing to wait for. (Their notice to channels still says `firing`.)
 */
export const alertEntryStateSchema = z.enum(['firing', 'resolved', 'notice'])
export type AlertEntryState = z.infer<typeof alertEntryStateSchema>

/** One alert in the list: the notice as sent last (resolved once over), and whether I read it. */
export const alertEntrySchema = alertNoticeSchema.extend({
  state: alertEntryStateSchema,
  read: z.boolean(),
  resolvedAt: z.string().optional(),
})
export type AlertEntry = z.infer<typeof alertEntrySchema>

export const alertListQuerySchema = z.object({
  hostId: z.string().min(1).max(64).optional(),
  kind: alertKindSchema.optional(),
  state: alertEntryStateSchema.optional(),
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type AlertListQuery = z.input<typeof alertListQuerySchema>

export const alertListSchema = z.object({
  alerts: z.array(alertEntrySchema),
  /** Unread alerts the caller may see, all of them (the bell's number). */
  unread: z.number().int().nonnegative(),
})
export type AlertList = z.infer<typeof alertListSchema>

/** Marks alerts read for the caller: these ids, or every one they can see. */
export const markAlertsReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
])
export type MarkAlertsRead = z.infer<typeof markAlertsReadSchema>

export const unreadAlertsSchema = z.object({ unread: z.number().int().nonnegative() })
export type UnreadAlerts = z.infer<typeof unreadAlertsSchema>
