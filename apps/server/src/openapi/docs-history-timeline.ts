import { timelinePageSchema } from '@harbormaster/contract'
import { type RouteDoc, json } from './route-doc.ts'

/** The events timeline of a host (issue 20). */
export const historyTimelineDocs: Record<string, RouteDoc> = {
  'GET /api/hosts/:hostId/timeline': {
    summary: 'The host’s engine events and user actions, newest first',
    description:
      'Engine events kept (bounded by age and count) merged with the audit log’s actions on the ' +
      'host, narrowed to the caller’s label scope. Parameters and errors of user actions are ' +
      'shown to admins only. Page backwards with `before` set to the last page’s `nextBefore`.',
    ok: { 200: json(timelinePageSchema, 'One page of the timeline') },
  },
}
