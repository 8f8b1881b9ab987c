import { z } from 'zod'

export const MAX_AUDIT_PAGE = 200

/** One recorded attempt (refused and failed ones included). */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  hostId: z.string().nullable(),
  /** `<capability>.<verb>`, e.g. `container.stop`. */
  action: z.string(),
  target: z.string().nullable(),
  /** Request parameters with secrets replaced by "[redacted]". */
  parameters: z.record(z.string(), z.unknown()).nullable(),
  /** The HTTP status the caller received. */
  status: z.number().int(),
  error: z.string().nullable(),
  address: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

const instant = z.iso.datetime({ offset: true })

/** Filters of `GET /api/audit`; pages go backwards in time with `before` (an entry id). */
export const auditQuerySchema = z
  .object({
    actorId: z.string().min(1).max(64).optional(),
    action: z.string().min(1).max(100).optional(),
    hostId: z.string().min(1).max(64).optional(),
    since: instant.optional(),
    until: instant.optional(),
    status: z.coerce.number().int().min(100).max(599).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict()
export type AuditQuery = z.input<typeof auditQuerySchema>

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
})
export type AuditPage = z.infer<typeof auditPageSchema>
