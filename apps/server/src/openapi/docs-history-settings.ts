import { historySettingsSchema } from '@harbormaster/contract'
import { type RouteDoc, json } from './route-doc.ts'

const S = '/api/hosts/:hostId/history/settings'

/** A host's history settings (issue 20's base): metric history and terminal recording. */
export const historySettingsDocs: Record<string, RouteDoc> = {
  [`GET ${S}`]: {
    summary: 'What the host’s history keeps beyond the always-kept: metric history, recordings',
    ok: {
      200: json(historySettingsSchema, 'The settings (both off until an admin turns them on)'),
    },
  },
  [`PUT ${S}`]: {
    summary: 'Turn metric history and terminal recording on or off for the host (admins)',
    ok: { 200: json(historySettingsSchema, 'The settings now') },
  },
}
