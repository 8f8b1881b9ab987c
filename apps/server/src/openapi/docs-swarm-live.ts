import { serviceTasksServerMessageSchema } from '@harbormaster/contract'
import type { RouteDoc } from './route-doc.ts'

const W = '/api/hosts/:hostId/swarm'

/** A service's tasks, live (the service page during a rolling update). */
export const swarmLiveDocs: Record<string, RouteDoc> = {
  [`GET ${W}/services/:id/tasks/live`]: {
    summary:
      'A service’s tasks and update status, live: the whole list each time it changes (read about twice a second while the service moves, else on its events)',
    ok: {},
    websocket: { server: serviceTasksServerMessageSchema },
    errors: { 404: 'No such service in your scope', 503: 'The host is not a swarm manager' },
  },
}
