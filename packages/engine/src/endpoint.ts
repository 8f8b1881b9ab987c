import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock'

/** TLS material for `tcp://` engines: PEM strings or buffers, as node:tls takes them. */
export interface EngineTls {
  ca?: string | Buffer
  cert?: string | Buffer
  key?: string | Buffer
  /** Verify the engine's certificate against `ca` (DOCKER_TLS_VERIFY). Default true. */
  verify?: boolean
}

/**
 * Credentials for an `ssh://` engine (docs/engine.md#ssh). The server's host key must match
 * `hostKey` (`SHA256:<base64>` as `ssh-keygen -l` prints it); without one nothing connects.
 */
export interface EngineSsh {
  /** OpenSSH or PEM private key text (ed25519 or RSA). */
  privateKey: string | Buffer
  passphrase?: string | undefined
  /** The pinned host key fingerprint; absent: every connection fails with the key offered. */
  hostKey?: string | undefined
}

/**
 * Where an engine listens: `unix:///path/docker.sock`, `tcp://host:port` (TLS optional) or
 * `ssh://user@host[:port]` (with `ssh`).
 */
export interface EngineEndpoint {
  host: string
  tls?: EngineTls
  ssh?: EngineSsh
}

export type ParsedEndpoint =
  | { kind: 'unix'; socketPath: string; label: string }
  | { kind: 'tcp'; hostname: string; port: number; tls?: EngineTls; label: string }
  | { kind: 'ssh'; username: string; hostname: string; port: number; label: string }

/**
 * Parses an endpoint the way the docker CLI reads DOCKER_HOST.
 *
 * @throws {Error} for schemes other than unix:// and tcp://, or a malformed address.
 */
export function parseEndpoint(endpoint: EngineEndpoint): ParsedEndpoint {
  const { host } = endpoint
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length)
    if (!socketPath.startsWith('/')) throw new Error(`Invalid unix socket address: ${host}`)
    return { kind: 'unix', socketPath, label: host }
  }
  if (host.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'))
    const tls = endpoint.tls
    const defaultPort = tls ? 2376 : 2375
    const port = url.port === '' ? defaultPort : Number(url.port)
    // URL keeps the brackets of an IPv6 literal; net.connect wants the bare address.
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
    return { kind: 'tcp', hostname, port, ...(tls ? { tls } : {}), label: host }
  }
  if (host.startsWith('ssh://')) return parseSshAddress(host)
  throw new Error(
    `Unsupported engine address "${host}": use unix:///path, tcp://host:port or ssh://user@host`,
  )
}

/**
 * `ssh://user@host[:port]` as the docker CLI takes it: a user is required (there is no
 * ~/.ssh/config to supply one) and a path is refused, as the CLI refuses it.
 */
function parseSshAddress(host: string): ParsedEndpoint {
  let url: URL
  try {
    url = new URL(host)
  } catch {
    throw new Error(`Invalid ssh address: ${host}`)
  }
  if (url.username === '') throw new Error(`ssh address needs a user (ssh://user@host): ${host}`)
  if (url.pathname !== '' && url.pathname !== '/') {
    throw new Error(`ssh address takes no path: ${host}`)
  }
  if (url.password !== '' || url.search !== '') {
    throw new Error(`ssh address takes no password or query: ${host}`)
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = url.port === '' ? 22 : Number(url.port)
  const username = decodeURIComponent(url.username)
  return { kind: 'ssh', username, hostname, port, label: host }
}

/**
 * Reads the docker CLI's conventions: DOCKER_HOST (default the local socket), DOCKER_TLS_VERIFY
 * (TLS with verification) or DOCKER_TLS (TLS without), and DOCKER_CERT_PATH (ca.pem, cert.pem,
 * key.pem; default ~/.docker).
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const host = nonEmpty(env.DOCKER_HOST) ?? DEFAULT_DOCKER_HOST
  const verify = Boolean(env.DOCKER_TLS_VERIFY)
  const useTls = verify || Boolean(env.DOCKER_TLS)
  if (!useTls || !host.startsWith('tcp://')) return { host }
  return {
    host,
    tls: { ...readCertDir(nonEmpty(env.DOCKER_CERT_PATH) ?? join(homedir(), '.docker')), verify },
  }
}

/** Loads ca.pem, cert.pem and key.pem from a DOCKER_CERT_PATH-style directory. */
export function readCertDir(dir: string): Required<Pick<EngineTls, 'ca' | 'cert' | 'key'>> {
  return {
    ca: readFileSync(join(dir, 'ca.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    key: readFileSync(join(dir, 'key.pem')),
  }
}

/** The CLI treats an empty variable as unset. */
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}
