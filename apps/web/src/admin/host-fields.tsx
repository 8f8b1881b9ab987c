import type { HostForm } from './host-form.ts'

export type HostTextKey = 'id' | 'name' | 'address' | 'prefixes' | 'ca' | 'cert' | 'key'

/** One labelled text field of the host forms, its error under it. */
export function HostField({
  label,
  value,
  error,
  multiline = false,
  onChange,
}: {
  label: string
  value: string
  error: string | undefined
  multiline?: boolean
  onChange: (value: string) => void
}) {
  const props = {
    value,
    'aria-invalid': error !== undefined,
    onChange: (e: { target: { value: string } }) => {
      onChange(e.target.value)
    },
  }
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
      {error !== undefined && <small className="field-error">{error}</small>}
    </label>
  )
}

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
    <HostField
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
    <fieldset className="form">
      <legend>TLS</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={form.verify}
          onChange={(e) => {
            onChange({ verify: e.target.checked })
          }}
        />
        Verify the engine’s certificate
      </label>
      <p className="muted">
        {stored ?? 'The engine’s CA and a client certificate it trusts, as PEM text.'}
      </p>
      {pem('ca', 'CA certificate')}
      {pem('cert', 'Client certificate')}
      {pem('key', 'Client key')}
    </fieldset>
  )
}
