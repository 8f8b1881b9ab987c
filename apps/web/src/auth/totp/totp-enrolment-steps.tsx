import type { TotpEnrolment } from '@harbormaster/contract'
import { CopyButton } from '../../ui/index.ts'
import { CodeForm } from './code-form.tsx'
import { useConfirmTotp } from './queries.ts'
import styles from './totp-panel.module.css'

/** "ABCD EFGH ...": easier to read aloud and to type; authenticator apps ignore the spaces. */
const grouped = (key: string) => key.replace(/(.{4})(?=.)/g, '$1 ')

/**
 * Scan or type the new secret, then prove the app has it with a code. The QR code is the
 * server's SVG shown as an image (a data: URL, which the CSP allows for images): as an image it
 * cannot run script, whatever it contains.
 */
export function TotpEnrolmentSteps({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: TotpEnrolment
  onConfirmed: (recoveryCodes: string[]) => void
  onCancel: () => void
}) {
  const confirm = useConfirmTotp()
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`
  return (
    <div className={styles.section}>
      <h3>Set up an authenticator app</h3>
      <ol className={styles.steps}>
        <li>
          Scan this QR code with your authenticator app (1Password, Google Authenticator, Aegis…).
          <img className={styles.qr} src={qr} alt="QR code for your authenticator app" />
        </li>
        <li>
          Or type this setup key into the app:{' '}
          <code className={styles.key} aria-label="Setup key">
            {grouped(enrolment.manualKey)}
          </code>{' '}
          <CopyButton value={enrolment.manualKey} label="Copy setup key" />
        </li>
        <li>
          <CodeForm
            label="Enter the six-digit code the app shows"
            submitLabel="Confirm"
            kind="totp"
            busy={confirm.isPending}
            error={confirm.error}
            onSubmit={(code) => {
              confirm.mutate(
                { code },
                {
                  onSuccess: ({ recoveryCodes }) => {
                    onConfirmed(recoveryCodes)
                  },
                },
              )
            }}
            onCancel={onCancel}
          />
        </li>
      </ol>
    </div>
  )
}
