import { z } from 'zod'

export const MAX_TIMELINE_PAGE = 200

/** What happened on a host, as the engine reported it (`docker events`), kept after the fact. */
export const timelineEngineEntrySchema = z.object({
  kind: z.literal('engine'),
  /** Stable row id (`e<n>`), for React keys and the cursor. */
  id: z.string(),
  /** Milliseconds since the epoch. */
  at: z.number().int(),
  /** Nanoseconds since the epoch, exact, as the engine gave them (a decimal string). */
  timeNano: z.string(),
  type: z.string(),
  action: z.string(),
  actionDetail: z.string().nullable(),
  actorId: z.string(),
  /** The container's, network's or image's name when the event carries one. */
  actorName: z.string().nullable(),
  /** The compose project or swarm stack the object belongs to. */
  stack: z.string().nullable(),
  /** The event's attributes: for a container, its labels, name, image and exit code. */
  attributes: z.record(z.string(), z.string()),
})
export type TimelineEngineEntry = z.infer<typeof timelineEngineEntrySchema>

/**
 * What a user asked Harbormaster to do on the host, from the audit log: who, what, on what, when
 * and how it ended. The request's parameters and error message are an admin's only (`audit.read`).
 */
export const timelineUserEntrySchema = z.object({
  kind: z.literal('user'),
  id: z.string(),
  at: z.number().int(),
  /** `<capability>.<verb>`, e.g. `container.stop`. */
  action: z.string(),
  /** The id or name the request named. */
  target: z.string().nullable(),
  /** The container's name, when the target named a container by id (from the kept events). */
  targetName: z.string().nullable(),
  actorName: z.string().nullable(),
  /** The HTTP status the user received. */
  status: z.number().int(),
  /** Admins only; absent for everyone else. */
  error: z.string().nullable().optional(),
  /** Admins only, with secrets redacted; absent for everyone else. */
  parameters: z.record(z.string(), z.unknown()).nullable().optional(),
})
export type TimelineUserEntry = z.infer<typeof timelineUserEntrySchema>

export const timelineEntrySchema = z.discriminatedUnion('kind', [
  timelineEngineEntrySchema,
  timelineUserEntrySchema,
])
export type TimelineEntry = z.infer<typeof timelineEntrySchema>

export const timelineSourceSchema = z.enum(['engine', 'user'])
export type TimelineSource = z.infer<typeof timelineSourceSchema>

const instantMs = z.coerce.number().int().min(0)

/**
 * Filters of `GET /api/hosts/:hostId/timeline`, newest first. `before` is the previous page's
 * `nextBefore` (opaque). A `user` filter shows user actions only; engine events have no user.
 */
export const timelineQuerySchema = z
  .object({
    /** A container's id, id prefix (12+ characters) or name: its events and the actions on it. */
    container: z.string().min(1).max(128).optional(),
    /** A compose project or swarm stack name. */
    stack: z.string().min(1).max(128).optional(),
    /** Engine object type (`container`, `image`, `network`...); user actions on that kind. */
    type: z.string().min(1).max(32).optional(),
    /** Engine action (`die`) or user action (`container.stop`, or its verb `stop`). */
    action: z.string().min(1).max(100).optional(),
    /** The user who acted (audit actor name). */
    user: z.string().min(1).max(128).optional(),
    /** Text in the object's name or the action. */
    q: z.string().min(1).max(128).optional(),
    source: timelineSourceSchema.optional(),
    /** Milliseconds since the epoch, inclusive. */
    since: instantMs.optional(),
    /** Milliseconds since the epoch, exclusive. */
    until: instantMs.optional(),
    before: z
      .string()
      .regex(/^\d{1,16}:[ea]:\d{1,16}$/, 'a cursor from a previous page (`nextBefore`)')
      .optional(),
    limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_PAGE).default(50),
  })
  .strict()
export type TimelineQuery = z.input<typeof timelineQuerySchema>

export const timelinePageSchema = z.object({
  entries: z.array(timelineEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
})
export type TimelinePage = z.infer<typeof timelinePageSchema>
