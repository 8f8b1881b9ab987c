import { bannerClass, Button, buttonClass, CopyButton, layout } from '../../ui/index.ts'
import styles from './totp-panel.module.css'

/**
 * New recovery codes, shown this once (the server keeps only their hashes): copy, download, and
 * a button that says they were saved, which is when the caller moves on.
 */
export function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `Harbormaster recovery codes (each works once)\n\n${codes.join('\n')}\n`
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`
  return (
    <div className={styles.section} aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title">Your recovery codes</h3>
      <p className={bannerClass('warn')} role="note">
        Save these codes somewhere safe now: they are not shown again. Each one signs you in once if
        you lose your authenticator app or passkey.
      </p>
      <ol className={styles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className={layout.actions}>
        <CopyButton value={codes.join('\n')} label="Copy recovery codes" />
        <a
          className={buttonClass('ghost')}
          href={download}
          download="harbormaster-recovery-codes.txt"
        >
          Download
        </a>
        <Button variant="primary" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  )
}
