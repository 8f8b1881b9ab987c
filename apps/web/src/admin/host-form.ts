import {
  DEFAULT_SECRET_ENV_PATTERNS,
  type Host,
  type HostCreateInput,
  type HostSshInput,
  type HostUpdateInput,
  hostCreateSchema,
  hostUpdateSchema,
} from '@harbormaster/contract'

/** The host editor as typed. PEM fields are write-only: empty keeps what the server has. */
/** What the bind paths field says, so an admin knows read-only from writable entries. */
export const BIND_PREFIXES_LABEL =
  'Allowed bind paths, one per line: /srv/data (read-only, subfolders too) or /srv/app:rw (writable, this folder only)'

export interface HostForm {
  /** Only when adding a host: an id cannot change. */
  id: string
  name: string
  address: string
  prefixes: string
  /** Environment key patterns whose values only admins see, separated by commas or spaces. */
  secretPatterns: string
  verify: boolean
  ca: string
  cert: string
  key: string
  /** ssh:// hosts: write-only like the PEM fields (empty keeps what the server has). */
  sshPrivateKey: string
  sshPassphrase: string
  /** The pinned host key; empty on an existing host keeps the pinned one. */
  hostKeyFingerprint: string
  /** The API version to pin ("1.24"); empty negotiates the engine's newest. */
  apiVersion: string
}

export function hostFormOf(host: Host): HostForm {
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    prefixes: host.allowedBindPrefixes.join('\n'),
    secretPatterns: host.secretEnvPatterns.join(', '),
    verify: host.tls?.verify ?? true,
    ca: '',
    cert: '',
    key: '',
    ...NO_SSH,
    hostKeyFingerprint: host.ssh?.hostKeyFingerprint ?? '',
    apiVersion: host.pinnedApiVersion ?? '',
  }
}

const NO_SSH = { sshPrivateKey: '', sshPassphrase: '', hostKeyFingerprint: '' }

/** The SSH fields as the contract takes them: only what was typed. */
function sshInputOf(form: HostForm, pinned?: string): HostSshInput | undefined {
  const privateKey = form.sshPrivateKey.trim()
  const fingerprint = form.hostKeyFingerprint.trim()
  const ssh: HostSshInput = {
    ...(privateKey === '' ? {} : { privateKey: `${privateKey}\n` }),
    ...(form.sshPassphrase === '' ? {} : { passphrase: form.sshPassphrase }),
    ...(fingerprint === '' || fingerprint === pinned ? {} : { hostKeyFingerprint: fingerprint }),
  }
  return Object.keys(ssh).length > 0 ? ssh : undefined
}

/** One entry per line (commas still separate, as the field used to ask). */
export function splitPrefixes(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean)
}

export function splitPatterns(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean)
}

const sameList = (a: readonly string[], b: readonly string[]) => a.join('\0') === b.join('\0')

/**
 * What PATCH /api/hosts/:id should change (only what the admin changed), or the problems by
 * field (`name`, `address`, `allowedBindPrefixes`, `tls.ca`…), in the contract's words.
 */
export function toHostUpdate(
  form: HostForm,
  host: Host,
): { input?: HostUpdateInput; errors: Record<string, string> } {
  // The bind paths are always sent: the schema defaults an absent list to [], which would
  // clear the host's list on a change of name alone.
  const prefixes = splitPrefixes(form.prefixes)
  const input: HostUpdateInput = { allowedBindPrefixes: prefixes }
  let changed = prefixes.join('\0') !== host.allowedBindPrefixes.join('\0')
  if (form.name.trim() !== host.name) input.name = form.name.trim()
  if (form.address.trim() !== host.address) input.address = form.address.trim()
  const patterns = splitPatterns(form.secretPatterns)
  if (!sameList(patterns, host.secretEnvPatterns)) input.secretEnvPatterns = patterns
  // Emptied: the pin is removed (null), and the host negotiates again.
  const pin = form.apiVersion.trim()
  if (pin !== (host.pinnedApiVersion ?? '')) input.apiVersion = pin === '' ? null : pin
  // TLS applies to tcp:// only; the server merges what is sent with what it keeps.
  if (form.address.trim().startsWith('tcp://')) {
    const pems = { ca: form.ca.trim(), cert: form.cert.trim(), key: form.key.trim() }
    const given = Object.fromEntries(Object.entries(pems).filter(([, v]) => v !== ''))
    if (form.verify !== (host.tls?.verify ?? true) || Object.keys(given).length > 0)
      input.tls = { verify: form.verify, ...given }
  }
  const ssh = form.address.trim().startsWith('ssh://')
    ? sshInputOf(form, host.ssh?.hostKeyFingerprint)
    : undefined
  if (ssh) input.ssh = ssh
  changed ||=
    input.ssh !== undefined ||
    input.name !== undefined ||
    input.address !== undefined ||
    input.tls !== undefined ||
    input.secretEnvPatterns !== undefined ||
    input.apiVersion !== undefined
  const parsed = hostUpdateSchema.safeParse(input)
  if (!parsed.success) return { errors: issuesByField(parsed.error.issues) }
  if (!changed) return { errors: { form: 'Nothing to change' } }
  return { input, errors: {} }
}

export function emptyHostForm(): HostForm {
  return {
    id: '',
    name: '',
    address: '',
    prefixes: '',
    secretPatterns: DEFAULT_SECRET_ENV_PATTERNS.join(', '),
    verify: true,
    ca: '',
    cert: '',
    key: '',
    ...NO_SSH,
    apiVersion: '',
  }
}

/** What POST /api/hosts should create, or the problems by field, in the contract's words. */
export function toHostCreate(form: HostForm): {
  input?: HostCreateInput
  errors: Record<string, string>
} {
  const address = form.address.trim()
  const pems = { ca: form.ca.trim(), cert: form.cert.trim(), key: form.key.trim() }
  const given = Object.fromEntries(Object.entries(pems).filter(([, v]) => v !== ''))
  const patterns = splitPatterns(form.secretPatterns)
  const pin = form.apiVersion.trim()
  const input = {
    id: form.id.trim(),
    name: form.name.trim() || form.id.trim(),
    address,
    allowedBindPrefixes: splitPrefixes(form.prefixes),
    // The defaults as they stand are not sent: the host then follows the server's defaults.
    ...(sameList(patterns, DEFAULT_SECRET_ENV_PATTERNS) ? {} : { secretEnvPatterns: patterns }),
    ...(pin === '' ? {} : { apiVersion: pin }),
    // TLS applies to tcp:// only, and only with some certificate material.
    ...(address.startsWith('tcp://') && Object.keys(given).length > 0
      ? { tls: { verify: form.verify, ...given } }
      : {}),
    // SSH applies to ssh:// only; the server refuses one without a private key.
    ...(address.startsWith('ssh://') ? { ssh: sshInputOf(form) ?? {} } : {}),
  }
  const parsed = hostCreateSchema.safeParse(input)
  if (parsed.success) return { input: parsed.data, errors: {} }
  return { errors: issuesByField(parsed.error.issues) }
}

function issuesByField(issues: readonly { path: PropertyKey[]; message: string }[]) {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const nested = issue.path[0] === 'tls' || issue.path[0] === 'ssh'
    const key = nested ? issue.path.slice(0, 2).join('.') : String(issue.path[0])
    errors[key] ??= issue.message
  }
  return errors
}
