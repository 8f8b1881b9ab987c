import { Button, ErrorState, layout, Spinner, texts, useConfirm } from '../../ui/index.ts'
import { useEndOtherSessions, useEndSession, useOwnSessions } from './queries.ts'
import { SessionsTable } from './sessions-table.tsx'

/**
 * Where the user is signed in: their browser sessions, each revocable, and "sign out everywhere
 * else". The account page follows it with the API tokens, the other way in.
 */
export function SignInSessionsPanel() {
  const sessions = useOwnSessions()
  const end = useEndSession()
  const endOthers = useEndOtherSessions()
  const confirm = useConfirm()
  const others = sessions.data?.sessions.filter((s) => !s.current).length ?? 0
  const endEverywhereElse = async () => {
    const ok = await confirm({
      title: 'Sign out everywhere else?',
      body: <p>Every other browser signed in to your account is signed out; this one stays.</p>,
      confirmLabel: 'Sign out everywhere else',
      danger: true,
    })
    if (ok) endOthers.mutate()
  }
  return (
    <section className={layout.card} aria-labelledby="sign-in-sessions-title">
      <h2 id="sign-in-sessions-title">Where you are signed in</h2>
      <p className={texts.muted}>
        Each browser signed in to your account. Ending a session signs that browser out at once and
        closes its open logs, terminals and event views. Last use is recorded once a minute at most.
        Scripts sign in with the API tokens below.
      </p>
      {sessions.isPending && <Spinner />}
      {sessions.isError && (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.isSuccess && (
        <>
          <SessionsTable
            sessions={sessions.data.sessions}
            whose="Your"
            onEnd={(s) => {
              end.mutate(s)
            }}
          />
          <div className={layout.actions}>
            <Button
              variant="danger"
              disabled={others === 0}
              busy={endOthers.isPending}
              onClick={() => void endEverywhereElse()}
            >
              Sign out everywhere else
            </Button>
          </div>
        </>
      )}
    </section>
  )
}
