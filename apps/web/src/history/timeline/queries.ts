import type { TimelinePage } from '@harbormaster/contract'
import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query'
import { api, unwrap } from '../../platform/api-client.ts'

/** How far back the timeline looks; '' is everything kept. */
export const TIMELINE_RANGES = [
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const

/** What the timeline is narrowed to; '' means no filter. */
export interface TimelineFilters {
  container: string
  stack: string
  type: string
  user: string
  q: string
  /** 'engine', 'user' or '' for both. */
  source: string
  range: string
}

/** Every event of the host is a new row: the events socket marks this key stale. */
export const timelineKey = (hostId: string) => ['hosts', hostId, 'timeline'] as const

/**
 * The host's timeline, newest first, a page at a time (`fetchNextPage` for older rows). The range
 * is in the key by name and turned into a time when asked, so the key stays the same while the
 * clock moves on.
 */
export function useTimeline(hostId: string, filters: TimelineFilters) {
  return useInfiniteQuery<
    TimelinePage,
    Error,
    InfiniteData<TimelinePage, string | undefined>,
    readonly unknown[],
    string | undefined
  >({
    queryKey: [...timelineKey(hostId), filters],
    initialPageParam: undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.hosts[':hostId'].timeline.$get(
          { param: { hostId }, query: toQuery(filters, pageParam) },
          { init: { signal } },
        ),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  })
}

function toQuery(filters: TimelineFilters, before: string | undefined) {
  const range = TIMELINE_RANGES.find((r) => r.value === filters.range)
  const given = (value: string) => (value.trim() === '' ? undefined : value.trim())
  return {
    container: given(filters.container),
    stack: given(filters.stack),
    type: given(filters.type),
    user: given(filters.user),
    q: given(filters.q),
    source: sourceOf(filters.source),
    ...(range === undefined ? {} : { since: String(Date.now() - range.ms) }),
    ...(before === undefined ? {} : { before }),
  }
}

function sourceOf(value: string): 'engine' | 'user' | undefined {
  return value === 'engine' || value === 'user' ? value : undefined
}
