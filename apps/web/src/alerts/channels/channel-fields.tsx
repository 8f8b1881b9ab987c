import type { AlertChannelConfig } from '@harbormaster/contract'
import { forms, TextField } from '../../ui/index.ts'
import { CHANNEL_TYPES, type ChannelForm, secretHint } from './channel-form.ts'

type Change = (change: Partial<ChannelForm>) => void
type Problems = Record<string, string>

/** A write-only field: a password input that starts empty and says whether a value is stored. */
function SecretField(props: {
  label: string
  value: string
  isSet: boolean
  error: string | undefined
  onChange: (value: string) => void
}) {
  return (
    <label className={forms.field}>
      <span>{props.label}</span>
      <input
        type="password"
        autoComplete="off"
        value={props.value}
        aria-invalid={props.error !== undefined}
        placeholder={props.isSet ? 'set (type to replace)' : ''}
        onChange={(e) => {
          props.onChange(e.target.value)
        }}
      />
      <small>{secretHint(props.isSet)}</small>
      {props.error !== undefined && <small className={forms.fieldError}>{props.error}</small>}
    </label>
  )
}

/** The fields of the chosen type; `stored` (editing) says which secrets the server has. */
export function ChannelTypeFields({
  form,
  errors,
  stored,
  onChange,
}: {
  form: ChannelForm
  errors: Problems
  stored: AlertChannelConfig | undefined
  onChange: Change
}) {
  const has = (key: string) =>
    stored !== undefined && (stored as Record<string, unknown>)[key] === true
  const secret = (key: 'url' | 'secret' | 'token' | 'password', label: string, flag: string) => (
    <SecretField
      label={label}
      value={form[key]}
      isSet={has(flag)}
      error={errors[`config.${key}`]}
      onChange={(value) => {
        onChange({ [key]: value })
      }}
    />
  )
  switch (form.type) {
    case 'webhook':
      return (
        <>
          {secret('url', 'URL', 'hasUrl')}
          {secret('secret', 'Signing secret (HMAC-SHA256)', 'hasSecret')}
        </>
      )
    case 'ntfy':
      return (
        <>
          {secret('url', 'Topic URL (https://ntfy.sh/your-topic)', 'hasUrl')}
          {secret('token', 'Access token (optional)', 'hasToken')}
        </>
      )
    case 'slack':
    case 'discord':
      return secret('url', 'Incoming webhook URL', 'hasUrl')
    case 'email':
      return <EmailFields form={form} errors={errors} onChange={onChange} secret={secret} />
  }
}

function EmailFields({
  form,
  errors,
  onChange,
  secret,
}: {
  form: ChannelForm
  errors: Problems
  onChange: Change
  secret: (key: 'password', label: string, flag: string) => React.ReactNode
}) {
  const text = (key: 'host' | 'port' | 'username' | 'from' | 'to', label: string) => (
    <TextField
      label={label}
      value={form[key]}
      error={errors[`config.${key}`]}
      onChange={(value) => {
        onChange({ [key]: value })
      }}
    />
  )
  return (
    <>
      {text('host', 'SMTP server')}
      {text('port', 'Port')}
      <label className={forms.field}>
        <span>Encryption</span>
        <select
          value={form.security}
          onChange={(e) => {
            onChange({ security: e.target.value as ChannelForm['security'] })
          }}
        >
          <option value="starttls">STARTTLS, required (587)</option>
          <option value="tls">TLS from the start (465)</option>
          <option value="none">None (a local relay, no password)</option>
        </select>
      </label>
      {text('username', 'User name (optional)')}
      {secret('password', 'Password', 'hasPassword')}
      {text('from', 'From')}
      {text('to', 'To (addresses separated by commas)')}
      <TextField
        label="CA certificate to trust (PEM, optional)"
        multiline
        value={form.caCertificate}
        error={errors['config.caCertificate']}
        onChange={(value) => {
          onChange({ caCertificate: value })
        }}
      />
    </>
  )
}

export function TypeSelect({ form, onChange }: { form: ChannelForm; onChange: Change }) {
  return (
    <label className={forms.field}>
      <span>Type</span>
      <select
        value={form.type}
        onChange={(e) => {
          onChange({ type: e.target.value as ChannelForm['type'] })
        }}
      >
        {CHANNEL_TYPES.map((t) => (
          <option key={t.type} value={t.type}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Quiet hours: off, or a daily window on a time zone's clock, holding or dropping. */
export function QuietHoursFields({
  form,
  errors,
  onChange,
}: {
  form: ChannelForm
  errors: Problems
  onChange: Change
}) {
  return (
    <fieldset className={forms.plainFieldset}>
      <label>
        <input
          type="checkbox"
          checked={form.quiet}
          onChange={(e) => {
            onChange({ quiet: e.target.checked })
          }}
        />{' '}
        Quiet hours
      </label>
      {form.quiet && (
        <div className={forms.rows}>
          <TextField
            label="From (HH:MM)"
            value={form.quietStart}
            error={errors['quietHours.start']}
            onChange={(quietStart) => {
              onChange({ quietStart })
            }}
          />
          <TextField
            label="Until (HH:MM)"
            value={form.quietEnd}
            error={errors['quietHours.end'] ?? errors.quietHours}
            onChange={(quietEnd) => {
              onChange({ quietEnd })
            }}
          />
          <TextField
            label="Time zone"
            value={form.quietZone}
            error={errors['quietHours.timeZone']}
            onChange={(quietZone) => {
              onChange({ quietZone })
            }}
          />
          <label className={forms.field}>
            <span>Alerts in quiet hours</span>
            <select
              value={form.quietMode}
              onChange={(e) => {
                onChange({ quietMode: e.target.value as ChannelForm['quietMode'] })
              }}
            >
              <option value="hold">are held and sent when the hours end</option>
              <option value="drop">are dropped (kept in the log only)</option>
            </select>
          </label>
        </div>
      )}
    </fieldset>
  )
}
