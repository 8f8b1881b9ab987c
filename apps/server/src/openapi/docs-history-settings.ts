import { historySettingsSchema } from '@harbormaster/contract'
import { type RouteDoc, json } from './route-doc.ts'

/** A host's history settings (issue 20's base; described here so the document covers them). */
export const historySettingsDocs: Record<string, RouteDoc> = {
  'GET /api/hosts/:hostId/history/settings': {
    summary: 'What the host’s history keeps beyond the always-kept (metrics, recordings)',
    ok: { 200: json(historySettingsSchema, 'The settings') },
  },
  'PUT /api/hosts/:hostId/history/settings': {
    summary: 'Change what the host’s history keeps (admins)',
    ok: { 200: json(historySettingsSchema, 'The settings now') },
  },
}
