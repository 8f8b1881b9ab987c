import { clsx } from 'clsx'
import { Button, layout, texts } from '../../ui/index.ts'
import { PasskeysPanel } from '../passkeys/passkeys-panel.tsx'
import { useLogout } from '../queries.ts'
import { TotpPanel } from '../totp/totp-panel.tsx'

/**
 * Shown instead of the app to a user whose role requires a second factor they have not set up:
 * the server refuses everything else until they enrol one (an authenticator app or a passkey).
 */
export function EnrolmentPage() {
  const logout = useLogout()
  return (
    <main className={clsx(layout.page, layout.narrow)}>
      <h1>Set up two-step sign-in</h1>
      <p className={texts.muted}>
        Your role requires a second factor. Add an authenticator app or a passkey to continue.
      </p>
      <TotpPanel />
      <PasskeysPanel />
      <Button
        variant="ghost"
        busy={logout.isPending}
        onClick={() => {
          logout.mutate()
        }}
      >
        Sign out
      </Button>
    </main>
  )
}
