import { type SearchHit, type SearchResult, searchQuerySchema } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { validate } from '../platform/validate.ts'
import { requireAction, requirePrincipal, visibleHosts } from '../policy/index.ts'
import { byRank, matchRank } from './rank.ts'
import { hostCandidates } from './search-sources.ts'

/**
 * Mounted at `/api/search`: containers, images, volumes, networks and stacks whose name holds
 * `q` (case-insensitive), on every host the caller may see, best matches first, at most
 * `limit`. A host that cannot be searched is named in `unavailable`, not a failure.
 */
export const searchRoutes = new Hono<AppEnv>().get(
  '/',
  requireAction('all-hosts.read'),
  validate('query', searchQuerySchema),
  async (c) => {
    const { q, limit } = c.req.valid('query')
    const principal = requirePrincipal(c)
    const hosts = visibleHosts(principal, c.var.hosts, 'host.view')
    const answers = await Promise.allSettled(
      hosts.map((visible) => hostCandidates(visible, principal, c.var.db)),
    )
    const ranked: (SearchHit & { rank: number })[] = []
    const unavailable: SearchResult['unavailable'] = []
    answers.forEach((answer, index) => {
      const host = hosts[index]?.host
      if (!host) return
      if (answer.status === 'rejected') {
        const error = answer.reason instanceof Error ? answer.reason.message : String(answer.reason)
        unavailable.push({ hostId: host.id, hostName: host.name, error })
        return
      }
      for (const candidate of answer.value) {
        const rank = matchRank(candidate.name, q)
        if (rank === undefined) continue
        ranked.push({ ...candidate, rank, hostId: host.id, hostName: host.name })
      }
    })
    ranked.sort(byRank)
    const hits = ranked.slice(0, limit).map(withoutRank)
    return c.json<SearchResult>({ hits, truncated: ranked.length > limit, unavailable }, 200)
  },
)

function withoutRank(ranked: SearchHit & { rank: number }): SearchHit {
  const { kind, hostId, hostName, name, ref, detail } = ranked
  return { kind, hostId, hostName, name, ref, detail }
}
