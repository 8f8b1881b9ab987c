import {
  type AlertChannel,
  type AlertChannelType,
  type CreateAlertChannelRequest,
  type QuietHours,
  type UpdateAlertChannelRequest,
  createAlertChannelRequestSchema,
  updateAlertChannelRequestSchema,
} from '@harbormaster/contract'
import type { ZodError } from 'zod'

/**
 * The channel editor as typed. Secret fields (URL, HMAC secret, token, password) are
 * write-only: they start empty, and empty keeps what the server has.
 */
export interface ChannelForm {
  name: string
  enabled: boolean
  type: AlertChannelType
  url: string
  secret: string
  token: string
  host: string
  port: string
  security: 'tls' | 'starttls' | 'none'
  username: string
  password: string
  from: string
  /** Addresses separated by commas or new lines. */
  to: string
  caCertificate: string
  quiet: boolean
  quietStart: string
  quietEnd: string
  quietZone: string
  quietMode: QuietHours['mode']
}

export const CHANNEL_TYPES: { type: AlertChannelType; label: string }[] = [
  { type: 'webhook', label: 'Webhook (signed JSON)' },
  { type: 'ntfy', label: 'ntfy' },
  { type: 'slack', label: 'Slack' },
  { type: 'discord', label: 'Discord' },
  { type: 'email', label: 'E-mail (SMTP)' },
]

export function emptyChannelForm(): ChannelForm {
  return {
    name: '',
    enabled: true,
    type: 'webhook',
    url: '',
    secret: '',
    token: '',
    host: '',
    port: '587',
    security: 'starttls',
    username: '',
    password: '',
    from: '',
    to: '',
    caCertificate: '',
    quiet: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    quietZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    quietMode: 'hold',
  }
}

export function channelFormOf(channel: AlertChannel): ChannelForm {
  const form: ChannelForm = {
    ...emptyChannelForm(),
    name: channel.name,
    enabled: channel.enabled,
    type: channel.config.type,
  }
  if (channel.quietHours) {
    const { start, end, timeZone, mode } = channel.quietHours
    Object.assign(form, {
      quiet: true,
      quietStart: start,
      quietEnd: end,
      quietZone: timeZone,
      quietMode: mode,
    })
  }
  if (channel.config.type === 'email') {
    const mail = channel.config
    Object.assign(form, {
      host: mail.host,
      port: String(mail.port),
      security: mail.security,
      username: mail.username ?? '',
      from: mail.from,
      to: mail.to.join(', '),
      caCertificate: mail.caCertificate ?? '',
    })
  }
  return form
}

type Problems = Record<string, string>

/** The create request, or the problems by field (`config.url`, `name`...) in the contract's words. */
export function toChannelCreate(form: ChannelForm): {
  input?: CreateAlertChannelRequest
  errors: Problems
} {
  const parsed = createAlertChannelRequestSchema.safeParse(requestOf(form))
  return parsed.success ? { input: parsed.data, errors: {} } : { errors: problemsOf(parsed.error) }
}

/** The update request: every field as shown, secrets only when typed (to replace them). */
export function toChannelUpdate(form: ChannelForm): {
  input?: UpdateAlertChannelRequest
  errors: Problems
} {
  const { quietHours, ...rest } = requestOf(form)
  const parsed = updateAlertChannelRequestSchema.safeParse({
    ...rest,
    quietHours: quietHours ?? null,
  })
  return parsed.success ? { input: parsed.data, errors: {} } : { errors: problemsOf(parsed.error) }
}

function requestOf(form: ChannelForm) {
  return {
    name: form.name,
    enabled: form.enabled,
    ...(form.quiet && {
      quietHours: {
        start: form.quietStart,
        end: form.quietEnd,
        timeZone: form.quietZone,
        mode: form.quietMode,
      },
    }),
    config: configOf(form),
  }
}

/** Only the fields of the form's type; an empty optional field is left out. */
function configOf(form: ChannelForm): Record<string, unknown> {
  const given = (value: string) => (value.trim() === '' ? undefined : value.trim())
  switch (form.type) {
    case 'webhook':
      return { type: 'webhook', url: given(form.url), secret: given(form.secret) }
    case 'ntfy':
      return { type: 'ntfy', url: given(form.url), token: given(form.token) }
    case 'slack':
    case 'discord':
      return { type: form.type, url: given(form.url) }
    case 'email':
      return {
        type: 'email',
        host: form.host.trim(),
        port: Number(form.port),
        security: form.security,
        username: given(form.username),
        password: given(form.password),
        from: form.from.trim(),
        to: form.to
          .split(/[\s,]+/)
          .map((a) => a.trim())
          .filter(Boolean),
        caCertificate: given(form.caCertificate),
      }
  }
}

function problemsOf(error: ZodError): Problems {
  const problems: Problems = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form'
    problems[key] ??= issue.message
  }
  return problems
}

/** What a write-only field says about the stored value. */
export function secretHint(isSet: boolean): string {
  return isSet ? 'Set. Leave empty to keep it, type to replace it.' : 'Not set.'
}
