import { historySettingsSchema, terminalSessionListSchema } from '@harbormaster/contract'
import type { RouteDoc } from './route-doc.ts'
import { json } from './route-doc.ts'

/** History (issue 20): the host's history settings and the terminal session audit. */
export const historyDocs: Record<string, RouteDoc> = {
  'GET /api/hosts/:hostId/history/settings': {
    summary: 'What the host keeps beyond the always-kept: metric history, terminal recordings',
    ok: { 200: json(historySettingsSchema, 'The settings (both off until an admin changes them)') },
  },
  'PUT /api/hosts/:hostId/history/settings': {
    summary: 'Turn metric history and terminal recording on or off for the host (admins)',
    ok: { 200: json(historySettingsSchema, 'The settings as stored') },
  },
  'GET /api/history/sessions': {
    summary:
      'Terminal sessions (exec and attach), newest first: everyone’s for an admin, your own otherwise',
    ok: { 200: json(terminalSessionListSchema, 'A page of sessions and the next page’s cursor') },
  },
  'GET /api/history/sessions/:id/recording': {
    summary: 'A recorded session as an asciicast v2 file (admins; each reading is audited)',
    ok: {
      200: {
        description: 'The recording, as written while the session ran',
        media: 'application/x-asciicast',
      },
    },
    errors: {
      404: 'No such session in your scope, or it was not recorded, or its recording was deleted',
    },
  },
}
