import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type HostCreateInput,
  apiVersionPinSchema,
  hostAddressSchema,
  hostIdSchema,
  hostTlsInputSchema,
} from '@harbormaster/contract'
import type { HostStore } from './host-store.ts'

/** A host named in `HARBORMASTER_HOSTS`, registered (or brought up to date) at every start. */
export interface DeclaredHost {
  id: string
  address: string
  /** Directory holding ca.pem, cert.pem and key.pem (the DOCKER_CERT_PATH convention). */
  tlsDir?: string
  /** `api=1.24`: the API version to pin the host to. */
  apiVersion?: string
}

/**
 * Parses `id=address[;tls=/dir][;api=1.24]` entries separated by commas or whitespace, e.g.
 * `prod=tcp://10.0.0.5:2376;tls=/certs/prod build=unix:///run/build.sock;api=1.24`.
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
      for (const option of options) readOption(host, entry, option)
      return host
    })
}

function readOption(host: DeclaredHost, entry: string, option: string): void {
  const [key, value] = option.split('=', 2)
  const fail = (problem: string) => {
    throw new Error(`Invalid configuration: HARBORMASTER_HOSTS: "${entry}": ${problem}`)
  }
  if (key === 'tls' && value) host.tlsDir = value
  else if (key === 'api' && value !== undefined) {
    const pin = apiVersionPinSchema.safeParse(value)
    if (!pin.success) fail(`api=${value}: ${pin.error.issues[0]?.message ?? 'invalid'}`)
    host.apiVersion = value
  } else fail(`unknown option "${option}" (expected tls=/dir or api=1.24)`)
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

/**
 * Creates the declared hosts, or brings an existing one's address and TLS back to exactly what
 * is declared (a host declared without `tls=` loses stored certificates): the deployment's
 * configuration wins over edits made in the UI. Names and bind paths set in the UI are kept.
 */
export function syncDeclaredHosts(store: HostStore, declared: readonly DeclaredHost[]): void {
  for (const host of declared) {
    const { id, ...input } = toHostInput(host)
    if (store.get(id)) store.setConnection(id, input.address, input.tls, input.apiVersion)
    else store.create({ id, ...input })
  }
}
