import type { Health, HostStatus } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../platform/app-env.ts'
import { SERVER_VERSION } from '../platform/server-version.ts'

const startedAt = Date.now()

/** `GET /api/health`: the process and each host. Public, for container health checks. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { hosts } = c.var
  const statuses = await Promise.all(
    hosts.ids().map((id) => hosts.status(id) ?? Promise.resolve(undefined)),
  )
  const known = statuses.filter((s): s is HostStatus => s !== undefined)
  const body: Health = {
    status: known.every((s) => s.reachable) ? 'ok' : 'degraded',
    version: SERVER_VERSION,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    hosts: known,
  }
  return c.json(body, 200)
})
