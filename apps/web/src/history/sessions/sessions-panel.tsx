import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { useUrlParam } from '../../app/url-state.ts'
import { api, apiFetch, apiPath, unwrap } from '../../platform/api-client.ts'
import { Button, EmptyState, ErrorState, FilterField, layout, Spinner } from '../../ui/index.ts'
import { parseCast } from './cast.ts'
import { SessionsTable } from './sessions-table.tsx'

// xterm.js is loaded with the replay only.
const CastPlayer = lazy(() => import('./cast-player.tsx').then((m) => ({ default: m.CastPlayer })))

interface Filters {
  hostId: string
  user: string
  container: string
}

function useSessions(filters: Filters, mine: boolean) {
  return useInfiniteQuery({
    queryKey: ['history', 'sessions', { ...filters, mine }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.history.sessions.$get({
          query: {
            hostId: filters.hostId || undefined,
            user: filters.user || undefined,
            container: filters.container || undefined,
            mine: mine ? 'true' : undefined,
            before: pageParam,
          },
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  })
}

/**
 * Admin → Terminal sessions: everyone's exec and attach sessions, filtered by host, user and
 * container (in the URL), with the replay of a recorded one (`?replay=<id>`).
 */
export function TerminalSessionsPanel() {
  const [hostId, setHostId] = useUrlParam('host')
  const [user, setUser] = useUrlParam('user')
  const [container, setContainer] = useUrlParam('container')
  const [replay, setReplay] = useUrlParam('replay')
  const sessions = useSessions({ hostId, user, container }, false)
  const rows = sessions.data?.pages.flatMap((page) => page.sessions) ?? []
  return (
    <div>
      {replay !== '' && (
        <section className={layout.card} aria-label="Replay">
          <div className={layout.actions}>
            <h2>Replay</h2>
            <Button
              onClick={() => {
                setReplay('')
              }}
            >
              Close
            </Button>
          </div>
          <Replay sessionId={replay} />
        </section>
      )}
      <div className={layout.filters}>
        <FilterField label="Host" value={hostId} onChange={setHostId} />
        <FilterField label="User" value={user} onChange={setUser} />
        <FilterField label="Container" value={container} onChange={setContainer} />
      </div>
      {sessions.isPending ? (
        <Spinner />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No terminal sessions match" />
      ) : (
        <SessionsTable
          sessions={rows}
          onReplay={(session) => {
            setReplay(session.id)
          }}
        />
      )}
      {sessions.hasNextPage && (
        <Button busy={sessions.isFetchingNextPage} onClick={() => void sessions.fetchNextPage()}>
          Older sessions
        </Button>
      )}
    </div>
  )
}

/** Account → your own terminal sessions (recordings are for admins: none replayed here). */
export function MySessionsPanel() {
  const sessions = useSessions({ hostId: '', user: '', container: '' }, true)
  const rows = sessions.data?.pages.flatMap((page) => page.sessions) ?? []
  return (
    <section className={layout.card}>
      <h2>Your terminal sessions</h2>
      {sessions.isPending ? (
        <Spinner />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No terminal sessions yet" />
      ) : (
        <SessionsTable sessions={rows} />
      )}
    </section>
  )
}

function Replay({ sessionId }: { sessionId: string }) {
  const cast = useQuery({
    queryKey: ['history', 'recording', sessionId],
    queryFn: async () =>
      parseCast(await (await apiFetch(apiPath`/history/sessions/${sessionId}/recording`)).text()),
    staleTime: Infinity,
  })
  if (cast.isPending) return <Spinner label="Loading the recording…" />
  if (cast.isError) return <ErrorState error={cast.error} onRetry={() => void cast.refetch()} />
  return (
    <Suspense fallback={<Spinner />}>
      <CastPlayer cast={cast.data} />
    </Suspense>
  )
}
