import type { SecondFactorMethod } from '@harbormaster/contract'
import { clsx } from 'clsx'
import { useState } from 'react'
import { Button, layout, texts } from '../../ui/index.ts'
import { PasskeySecondFactor } from '../passkeys/passkey-second-factor.tsx'
import { RecoveryCodeForm } from '../totp/recovery-code-form.tsx'
import styles from '../sign-in-page.module.css'
import { TotpCodeForm } from '../totp/totp-code-form.tsx'

const LABELS: Record<SecondFactorMethod, string> = {
  totp: 'Use your authenticator app',
  passkey: 'Use a passkey',
  recovery: 'Use a recovery code',
}

/**
 * The second step of a password sign-in: one of the user's second factors, the first offered by
 * default, the others a click away. Each method's form finishes the sign-in itself.
 */
export function SecondFactorStep({
  methods,
  onCancel,
}: {
  methods: readonly SecondFactorMethod[]
  onCancel: () => void
}) {
  const [method, setMethod] = useState<SecondFactorMethod | undefined>(methods[0])
  return (
    <main className={styles.page}>
      <div className={clsx(layout.card, styles.card)}>
        <h1 className={texts.brand}>Harbormaster</h1>
        <p className={texts.muted}>Your account has two-step sign-in.</p>
        {method === 'totp' && <TotpCodeForm />}
        {method === 'passkey' && <PasskeySecondFactor />}
        {method === 'recovery' && <RecoveryCodeForm />}
        {methods
          .filter((other) => other !== method)
          .map((other) => (
            <Button
              key={other}
              variant="ghost"
              onClick={() => {
                setMethod(other)
              }}
            >
              {LABELS[other]}
            </Button>
          ))}
        <Button variant="ghost" onClick={onCancel}>
          Back to sign-in
        </Button>
      </div>
    </main>
  )
}
