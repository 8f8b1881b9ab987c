import type { SignInSession } from '@harbormaster/contract'
import { Badge, Button, layout, texts, TimeAgo, useConfirm } from '../../ui/index.ts'

const METHODS: Record<SignInSession['method'], string> = {
  password: 'Password',
  passkey: 'Passkey',
  oidc: 'Single sign-on',
  setup: 'First-run setup',
}
const SECOND_FACTORS: Record<NonNullable<SignInSession['secondFactor']>, string> = {
  totp: 'authenticator code',
  recovery: 'recovery code',
  passkey: 'passkey',
}

/** How the session was signed in, e.g. "Password + authenticator code". */
export function signedInWith(session: SignInSession): string {
  const method = METHODS[session.method]
  return session.secondFactor === null
    ? method
    : `${method} + ${SECOND_FACTORS[session.secondFactor]}`
}

/**
 * Sessions as a table: device (the raw user agent on hover), address, how signed in, created,
 * last used (the expiry on hover); each row endable after a confirmation. `whose` names the owner in the
 * confirmation ("your" or a username).
 */
export function SessionsTable({
  sessions,
  whose,
  onEnd,
}: {
  sessions: SignInSession[]
  whose: string
  onEnd: (session: SignInSession) => void
}) {
  const confirm = useConfirm()
  const end = async (s: SignInSession) => {
    const ok = await confirm({
      title: s.current ? 'End this session?' : `End the session on ${s.device}?`,
      body: s.current ? (
        <p>This browser is signed out and shows the sign-in page.</p>
      ) : (
        <p>
          {whose} session on <strong>{s.device}</strong> from {s.address} is signed out at once, its
          open views included.
        </p>
      ),
      confirmLabel: s.current ? 'Sign out' : 'End session',
      danger: true,
    })
    if (ok) onEnd(s)
  }
  if (sessions.length === 0) return <p className={texts.muted}>No sessions.</p>
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable} aria-label="Sessions">
        <thead>
          <tr>
            <th>Device</th>
            <th>Address</th>
            <th>Signed in with</th>
            <th className={texts.hidePhone}>Created</th>
            <th>Last used</th>
            <th>
              <span className={texts.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <SessionRow key={s.id} session={s} onEnd={() => void end(s)} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function SessionRow({ session: s, onEnd }: { session: SignInSession; onEnd: () => void }) {
  return (
    <tr aria-current={s.current ? 'true' : undefined}>
      <td>
        <span title={s.userAgent === '' ? 'No user agent was sent' : s.userAgent}>{s.device}</span>{' '}
        {s.current && <Badge tone="info">this session</Badge>}
      </td>
      <td className={texts.mono}>{s.address}</td>
      <td>{signedInWith(s)}</td>
      <td className={texts.hidePhone}>
        <TimeAgo value={s.createdAt} />
      </td>
      {/* The expiry on hover: a column of its own would crowd the account page's narrow card. */}
      <td title={`Expires ${new Date(s.expiresAt).toLocaleString()}`}>
        {/* last_seen_at is written at most once a minute: the request that drew this was now. */}
        {s.current ? 'active now' : <TimeAgo value={s.lastUsedAt} />}
      </td>
      <td>
        <Button
          variant="danger"
          aria-label={s.current ? 'Sign out this session' : `Revoke the session on ${s.device}`}
          onClick={onEnd}
        >
          {s.current ? 'Sign out' : 'Revoke'}
        </Button>
      </td>
    </tr>
  )
}
