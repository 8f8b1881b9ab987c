import { forms, layout, TextField, texts } from '../ui/index.ts'
import type { HostForm } from './host-form.ts'

export type HostTextKey =
  'id' | 'name' | 'address' | 'prefixes' | 'secretPatterns' | 'ca' | 'cert' | 'key' | 'apiVersion'

/** The label of the API version pin, the same in both host dialogs. */
export const API_VERSION_LABEL =
  'Pin the API version (e.g. 1.24, as DOCKER_API_VERSION); empty uses the newest the engine and Harbormaster share'

/** The label of the secret patterns field, the same in both host dialogs. */
export const SECRET_PATTERNS_LABEL =
  'Secret environment keys: values only admins see (comma-separated, * for any characters)'

/** Verification and PEM text for a tcp:// engine; `stored` says what the server keeps already. */
export function TlsFieldset({
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
  const pem = (key: 'ca' | 'cert' | 'key', label: string) => (
    <TextField
      label={label}
      value={form[key]}
      error={errors[`tls.${key}`]}
      multiline
      onChange={(value) => {
        onChange({ [key]: value })
      }}
    />
  )
  return (
    <fieldset className={forms.form}>
      <legend>TLS</legend>
      <label className={layout.check}>
        <input
          type="checkbox"
          checked={form.verify}
          onChange={(e) => {
            onChange({ verify: e.target.checked })
          }}
        />
        Verify the engine’s certificate
      </label>
      <p className={texts.muted}>
        {stored ?? 'The engine’s CA and a client certificate it trusts, as PEM text.'}
      </p>
      {pem('ca', 'CA certificate')}
      {pem('cert', 'Client certificate')}
      {pem('key', 'Client key')}
    </fieldset>
  )
}
