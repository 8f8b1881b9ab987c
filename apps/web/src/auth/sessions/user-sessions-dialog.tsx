import type { UserSummary } from '@harbormaster/contract'
import { useState } from 'react'
import {
  Button,
  Dialog,
  dialogActions,
  ErrorState,
  Spinner,
  texts,
  useConfirm,
} from '../../ui/index.ts'
import { useMe } from '../queries.ts'
import { useEndAllSessions, useEndSession, useUserSessions } from './queries.ts'
import { SessionsTable } from './sessions-table.tsx'

/** The users list's row action: a user's sessions in a dialog, for an admin to end. */
export function UserSessionsButton({ user }: { user: UserSummary }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        variant="ghost"
        aria-label={`Sessions of ${user.username}`}
        onClick={() => {
          setOpen(true)
        }}
      >
        Sessions
      </Button>
      {open && (
        <UserSessionsDialog
          user={user}
          onClose={() => {
            setOpen(false)
          }}
        />
      )}
    </>
  )
}

function UserSessionsDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const sessions = useUserSessions(user.id)
  const isSelf = useMe().data?.id === user.id
  const end = useEndSession(user.id)
  const endAll = useEndAllSessions(user, isSelf)
  const confirm = useConfirm()
  const endEverything = async () => {
    const ok = await confirm({
      title: `End every session of ${user.username}?`,
      body: (
        <p>
          <strong>{user.username}</strong> is signed out everywhere and signs in again; with single
          sign-on, their groups map to roles afresh. Their API tokens go on.
          {isSelf && ' This includes your session here.'}
        </p>
      ),
      confirmLabel: 'End all sessions',
      danger: true,
    })
    if (ok) endAll.mutate()
  }
  return (
    <Dialog open wide title={`Sessions of ${user.username}`} onClose={onClose}>
      {sessions.isPending && <Spinner />}
      {sessions.isError && <ErrorState error={sessions.error} />}
      {sessions.isSuccess && (
        <SessionsTable
          sessions={sessions.data.sessions}
          whose={`${user.username}'s`}
          onEnd={(s) => {
            end.mutate(s)
          }}
        />
      )}
      <p className={texts.muted}>Last use is recorded once a minute at most.</p>
      <div className={dialogActions}>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="danger"
          busy={endAll.isPending}
          disabled={sessions.data?.sessions.length === 0}
          onClick={() => void endEverything()}
        >
          End all sessions
        </Button>
      </div>
    </Dialog>
  )
}
