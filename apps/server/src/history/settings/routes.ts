import {
  type HistorySettings,
  historySettingsInputSchema,
  hostParamsSchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { audited } from '../../audit/index.ts'
import { validate } from '../../platform/validate.ts'
import { requireHostAction, requirePrincipal } from '../../policy/index.ts'

/**
 * Mounted at `/api/hosts/:hostId/history/settings`. Everyone who sees the host reads them: a
 * user about to open a terminal is told it is recorded. Only admins change them.
 */
export const historySettingsRoutes = new Hono<AppEnv>()
  .get('/', requireHostAction('host.view'), validate('param', hostParamsSchema), (c) =>
    c.json<HistorySettings>(c.var.historySettings.get(c.var.hostId), 200),
  )
  .put(
    '/',
    audited('history.settings.set'),
    requireHostAction('history.settings'),
    validate('param', hostParamsSchema),
    validate('json', historySettingsInputSchema),
    (c) => {
      const input = c.req.valid('json')
      c.set('auditDetails', { parameters: { ...input } })
      const by = requirePrincipal(c).username
      return c.json<HistorySettings>(c.var.historySettings.set(c.var.hostId, input, by), 200)
    },
  )
