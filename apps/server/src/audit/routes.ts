import { auditQuerySchema, type AuditEntry, type AuditPage } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { requireAction } from '../policy/index.ts'
import { AuditLog, type AuditRecord } from './audit-log.ts'

const toAuditEntry = (record: AuditRecord): AuditEntry => ({
  ...record,
  at: new Date(record.at).toISOString(),
})

const toMillis = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso))

/** `GET /api/audit`: filters and paging backwards through `before`. Reading is not audited. */
export const auditRoutes = new Hono<AppEnv>().get(
  '/',
  requireAction('audit.read'),
  validate('query', auditQuerySchema),
  (c) => {
    const query = c.req.valid('query')
    const page = new AuditLog(c.var.db).query({
      ...query,
      since: toMillis(query.since),
      until: toMillis(query.until),
    })
    const body: AuditPage = { entries: page.entries.map(toAuditEntry), nextBefore: page.nextBefore }
    return c.json(body, 200)
  },
)
