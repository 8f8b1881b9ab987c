import { forms, TextField, texts } from '../ui/index.ts'
import type { HostForm } from './host-form.ts'

/**
 * The private key, its passphrase and the pinned host key of an ssh:// host. The key and
 * passphrase are write-only: `stored` says what the server keeps already, left empty to keep it.
 */
export function SshFieldset({
  form,
  errors,
  stored,
  onChange,
}: {
  form: HostForm
  errors: Record<string, string>
  stored?: string
  onChange: (change: Partial<HostForm>) => void
}) {
  return (
    <fieldset className={forms.form}>
      <legend>SSH</legend>
      <p className={texts.muted}>
        {stored ??
          'A private key the host accepts (ed25519 or RSA, as ssh-keygen writes it). The remote user needs the docker CLI and access to its engine.'}
      </p>
      <TextField
        label="Private key"
        value={form.sshPrivateKey}
        error={errors['ssh.privateKey']}
        multiline
        onChange={(value) => {
          onChange({ sshPrivateKey: value })
        }}
      />
      <label className={forms.field}>
        <span>Key passphrase (if any)</span>
        <input
          type="password"
          autoComplete="off"
          value={form.sshPassphrase}
          aria-invalid={errors['ssh.passphrase'] !== undefined}
          onChange={(e) => {
            onChange({ sshPassphrase: e.target.value })
          }}
        />
        {errors['ssh.passphrase'] !== undefined && (
          <small className={forms.fieldError}>{errors['ssh.passphrase']}</small>
        )}
      </label>
      <TextField
        label="Host key fingerprint (SHA256:…, from ssh-keygen -l on the host; empty: shown at the first connection for you to accept)"
        value={form.hostKeyFingerprint}
        error={errors['ssh.hostKeyFingerprint']}
        onChange={(value) => {
          onChange({ hostKeyFingerprint: value })
        }}
      />
    </fieldset>
  )
}
