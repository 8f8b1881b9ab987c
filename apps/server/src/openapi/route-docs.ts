import { alertDocs } from './docs-alerts.ts'
import { allHostsDocs } from './docs-all-hosts.ts'
import { alertChannelDocs } from './docs-alert-channels.ts'
import { capsuleDocs } from './docs-history-capsules.ts'
import { containerDocs } from './docs-containers.ts'
import { hostDocs } from './docs-host.ts'
import { oidcDocs } from './docs-oidc.ts'
import { serverDocs } from './docs-server.ts'
import { sessionDocs } from './docs-sessions.ts'
import { signInDocs } from './docs-sign-in.ts'
import { sshHostDocs } from './docs-ssh-hosts.ts'
import { passkeyDocs } from './docs-passkeys.ts'
import { totpDocs } from './docs-totp.ts'
import { stackDocs } from './docs-stacks.ts'
import { swarmServiceDocs } from './docs-swarm-services.ts'
import { swarmAdminDocs } from './docs-swarm-admin.ts'
import { swarmLiveDocs } from './docs-swarm-live.ts'
import { updateDocs } from './docs-updates.ts'
import { historyDocs } from './docs-history.ts'
import { historyTimelineDocs } from './docs-history-timeline.ts'
import { historyMetricsDocs } from './docs-history-metrics.ts'
import type { RouteDoc } from './route-doc.ts'

/**
 * What the route table cannot say about each route, keyed like the table: `GET /api/hosts/:hostId`.
 * The test fails on a route without an entry and on an entry without a route.
 */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  ...serverDocs,
  ...signInDocs,
  ...passkeyDocs,
  ...sessionDocs,
  ...totpDocs,
  ...oidcDocs,
  ...containerDocs,
  ...hostDocs,
  ...sshHostDocs,
  ...stackDocs,
  ...swarmServiceDocs,
  ...swarmAdminDocs,
  ...swarmLiveDocs,
  ...alertDocs,
  ...alertChannelDocs,
  ...updateDocs,
  ...historyDocs,
  ...historyTimelineDocs,
  ...historyMetricsDocs,
  ...capsuleDocs,
  ...allHostsDocs,
}
