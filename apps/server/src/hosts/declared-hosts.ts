import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type HostCreateInput,
  type HostSshInput,
  apiVersionPinSchema,
  hostAddressSchema,
  hostIdSchema,
  hostKeyFingerprintSchema,
  hostSshInputSchema,
  hostTlsInputSchema,
} from '@harbormaster/contract'
import type { HostStore } from './host-store.ts'

/** A host named in `HARBORMASTER_HOSTS`, registered (or brought up to date) at every start. */
export interface DeclaredHost {
  id: string
  address: string
  /** Directory holding ca.pem, cert.pem and key.pem (the DOCKER_CERT_PATH convention). */
  tlsDir?: string
  /** ssh:// hosts: the private key file, its passphrase file, the pinned host key. */
  sshKeyFile?: string
  sshPassphraseFile?: string
  hostKey?: string
  /** `api=1.24`: the API version to pin the host to. */
  apiVersion?: string
}

const OPTIONS =
  'tls=/dir, api=1.24, ssh_key=/file, ssh_passphrase_file=/file or host_key=SHA256:...'

/**
 * Parses `id=address[;tls=/dir][;api=1.24]` entries separated by commas or whitespace, e.g.
 * `prod=tcp://10.0.0.5:2376;tls=/certs/prod build=unix:///run/build.sock;api=1.24`; an ssh://
 * entry takes `;ssh_key=/file;host_key=SHA256:...` and optionally `;ssh_passphrase_file=/file`.
 *
 * @throws {Error} naming the entry and what is wrong with it.
 */
export function parseDeclaredHosts(value: string): DeclaredHost[] {
  const seen = new Set<string>()
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const [head = '', ...options] = entry.split(';')
      const eq = head.indexOf('=')
      const id = head.slice(0, eq)
      const address = head.slice(eq + 1)
      const problem =
        eq < 0
          ? 'expected id=address'
          : (hostIdSchema.safeParse(id).error?.issues[0]?.message ??
            hostAddressSchema.safeParse(address).error?.issues[0]?.message ??
            (seen.has(id) ? 'the id appears twice' : undefined))
      if (problem)
        throw new Error(`Invalid configuration: HARBORMASTER_HOSTS: "${entry}": ${problem}`)
      seen.add(id)
      const host: DeclaredHost = { id, address }
      for (const option of options) applyOption(host, entry, option)
      if (address.startsWith('ssh://') && host.sshKeyFile === undefined) {
        throw new Error(
          `Invalid configuration: HARBORMASTER_HOSTS: "${entry}": ssh_key=/file needed`,
        )
      }
      return host
    })
}

function applyOption(host: DeclaredHost, entry: string, option: string): void {
  const eq = option.indexOf('=')
  const key = option.slice(0, eq)
  const value = option.slice(eq + 1)
  const fail = (problem: string) => {
    throw new Error(`Invalid configuration: HARBORMASTER_HOSTS: "${entry}": ${problem}`)
  }
  if (eq < 0 || value === '') fail(`unknown option "${option}" (expected ${OPTIONS})`)
  if (key === 'tls') host.tlsDir = value
  else if (key === 'api') {
    const problem = apiVersionPinSchema.safeParse(value).error?.issues[0]?.message
    if (problem) fail(`api=${value}: ${problem}`)
    host.apiVersion = value
  } else if (key === 'ssh_key') host.sshKeyFile = value
  else if (key === 'ssh_passphrase_file') host.sshPassphraseFile = value
  else if (key === 'host_key') {
    const problem = hostKeyFingerprintSchema.safeParse(value).error?.issues[0]?.message
    if (problem) fail(`host_key: ${problem}`)
    host.hostKey = value
  } else fail(`unknown option "${option}" (expected ${OPTIONS})`)
}

/** The stored form of a declared host: its TLS files read now, so a missing one fails the start. */
export function toHostInput(host: DeclaredHost): HostCreateInput {
  const input: HostCreateInput = {
    id: host.id,
    name: host.id,
    address: host.address,
    allowedBindPrefixes: [],
    ...(host.apiVersion === undefined ? {} : { apiVersion: host.apiVersion }),
  }
  if (host.sshKeyFile !== undefined) input.ssh = sshInputOf(host)
  if (host.tlsDir === undefined) return input
  const read = (file: string) => {
    try {
      return readFileSync(join(host.tlsDir ?? '', file), 'utf8')
    } catch (error) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_HOSTS: host "${host.id}": cannot read ${file} in ${host.tlsDir}: ${(error as Error).message}`,
        { cause: error },
      )
    }
  }
  input.tls = hostTlsInputSchema.parse({
    ca: read('ca.pem'),
    cert: read('cert.pem'),
    key: read('key.pem'),
  })
  return input
}

/** A declared ssh:// host's key files, read now so a missing one fails the start. */
function sshInputOf(host: DeclaredHost): HostSshInput {
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file, 'utf8')
    } catch (error) {
      throw new Error(
        `Invalid configuration: HARBORMASTER_HOSTS: host "${host.id}": cannot read ${what} ${file}: ${(error as Error).message}`,
        { cause: error },
      )
    }
  }
  const passphrase = host.sshPassphraseFile
  return hostSshInputSchema.parse({
    privateKey: read('ssh_key', host.sshKeyFile ?? ''),
    ...(passphrase === undefined
      ? {}
      : { passphrase: read('ssh_passphrase_file', passphrase).trim() }),
    ...(host.hostKey === undefined ? {} : { hostKeyFingerprint: host.hostKey }),
  })
}

/**
 * Creates the declared hosts, or brings an existing one's address and TLS back to exactly what
 * is declared (a host declared without `tls=` loses stored certificates): the deployment's
 * configuration wins over edits made in the UI. Names and bind paths set in the UI are kept.
 */
export function syncDeclaredHosts(store: HostStore, declared: readonly DeclaredHost[]): void {
  for (const host of declared) {
    const { id, ...input } = toHostInput(host)
    const current = store.get(id)
    // A key an admin accepted in the UI stays pinned unless the declaration pins one itself.
    const ssh = input.ssh && {
      privateKey: input.ssh.privateKey,
      passphrase: input.ssh.passphrase,
      hostKey: input.ssh.hostKeyFingerprint ?? current?.ssh?.hostKey,
    }
    if (current) store.setConnection(id, input.address, input.tls, ssh, input.apiVersion)
    else store.create({ id, ...input })
  }
}
