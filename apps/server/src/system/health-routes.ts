import type { Health, HealthStatus, HostStatus } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { SERVER_VERSION } from '../platform/server-version.ts'
import { authorize } from '../policy/index.ts'

const startedAt = Date.now()

/**
 * `GET /api/health`: public, for container health checks and load balancers, which get only
 * `ok` or `degraded` (always a 200: an unreachable host is no reason to restart the dashboard).
 * Engine addresses and versions, and ours, help an attacker pick an exploit: only a signed-in
 * caller (session or token) gets them, for the hosts they may see.
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { hosts, principal } = c.var
  const statuses = await Promise.all(
    hosts.ids().map((id) => hosts.status(id) ?? Promise.resolve(undefined)),
  )
  const known = statuses.filter((s): s is HostStatus => s !== undefined)
  const status = known.every((s) => s.reachable) ? 'ok' : 'degraded'
  if (principal === undefined) return c.json<HealthStatus>({ status }, 200)
  return c.json<Health>(
    {
      status,
      version: SERVER_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      hosts: known.filter((s) => authorize(principal, 'host.view', s.id).allowed),
    },
    200,
  )
})
