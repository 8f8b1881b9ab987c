import { type AllHostsContainers, allHostsContainersQuerySchema } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { requireAction, requirePrincipal, visibleHosts } from '../policy/index.ts'
import { listAcrossHosts } from './all-hosts.ts'

/**
 * Mounted at `/api/containers`: the containers of every host the caller may see, with their
 * label scope on each host applied as that host's own list applies it. Served from the hosts'
 * models: no engine call while they are in sync.
 */
export const allHostsContainerRoutes = new Hono<AppEnv>().get(
  '/',
  requireAction('all-hosts.read'),
  validate('query', allHostsContainersQuerySchema),
  async (c) => {
    const hosts = visibleHosts(requirePrincipal(c), c.var.hosts, 'container.read')
    const body = await listAcrossHosts(hosts, c.req.valid('query').all)
    return c.json<AllHostsContainers>(body, 200)
  },
)
