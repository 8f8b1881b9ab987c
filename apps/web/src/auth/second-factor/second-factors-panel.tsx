import { clsx } from 'clsx'
import { layout, texts } from '../../ui/index.ts'
import { PasskeysPanel } from '../passkeys/passkeys-panel.tsx'
import { useSecondFactors } from '../queries.ts'
import { TotpPanel } from '../totp/totp-panel.tsx'

/** The account page's two-step sign-in: the authenticator app, recovery codes and passkeys. */
export function SecondFactorsPanel() {
  const status = useSecondFactors()
  return (
    <section className={clsx(layout.card)} aria-labelledby="second-factors-title">
      <h2 id="second-factors-title">Two-step sign-in</h2>
      {status.data?.required === true && (
        <p className={texts.muted}>Your role requires a second factor.</p>
      )}
      <TotpPanel />
      <PasskeysPanel />
    </section>
  )
}
