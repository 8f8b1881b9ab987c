import { Client, type ClientChannel, type ConnectConfig } from 'ssh2'
import type { EngineSsh } from '../endpoint.ts'
import { DialStdioStream } from './dial-stdio-stream.ts'
import { hostKeyFingerprint, normaliseFingerprint } from './host-key.ts'
import { SshError, SshHostKeyChangedError, SshHostKeyUnknownError } from './ssh-errors.ts'

/** Where to connect and as whom: the parsed `ssh://user@host:port`. */
export interface SshTarget {
  label: string
  username: string
  hostname: string
  port: number
}

/** The remote command whose stdin/stdout is a connection to the remote engine. */
export const DIAL_STDIO_COMMAND = 'docker system dial-stdio'
/** OpenSSH's default MaxSessions: channels one connection may hold open at once. */
const CHANNELS_PER_CONNECTION = 10
const KEEPALIVE_MS = 15_000
const KEEPALIVE_COUNT_MAX = 3
const READY_TIMEOUT_MS = 20_000
const BACKOFF_FIRST_MS = 1_000
const BACKOFF_MAX_MS = 30_000

/** One SSH connection and how many of its channels are taken (or promised to a caller). */
interface SshLink {
  client: Client
  ready: Promise<void>
  taken: number
  /** Lowered when the server refused a channel below our own limit (its MaxSessions). */
  capacity: number
  alive: boolean
}

/**
 * Opens `docker system dial-stdio` channels on as few SSH connections as the server's session
 * limit allows (docs/engine.md#ssh). A dropped connection is replaced by the next dial; a failed
 * connect is retried no sooner than its backoff, callers meanwhile get the same error at once.
 */
export class SshDialer {
  readonly #target: SshTarget
  readonly #ssh: EngineSsh
  #links: SshLink[] = []
  #failure: { error: Error; retryAt: number; count: number } | undefined
  #closed = false

  constructor(target: SshTarget, ssh: EngineSsh) {
    this.#target = target
    this.#ssh = ssh
  }

  /** A new channel to the remote engine, for node:http to use as its socket. */
  async dial(): Promise<DialStdioStream> {
    for (let attempt = 0; ; attempt++) {
      const link = await this.#linkWithRoom()
      try {
        return await this.#exec(link)
      } catch (error) {
        link.taken--
        // The server's MaxSessions is below ours: this link is full, use (or open) another.
        if (!isChannelRefused(error) || attempt >= 3) throw this.#explain(error)
        link.capacity = Math.max(1, link.taken)
      }
    }
  }

  /** Closes every SSH connection; later dials fail. */
  close(): void {
    this.#closed = true
    for (const link of this.#links) link.client.end()
    this.#links = []
  }

  async #linkWithRoom(): Promise<SshLink> {
    if (this.#closed) throw new SshError(this.#target.label, 'unreachable', 'SSH client closed')
    const open = this.#links.find((link) => link.alive && link.taken < link.capacity)
    if (open) {
      open.taken++
      await open.ready
      return open
    }
    const failure = this.#failure
    if (failure && Date.now() < failure.retryAt) throw failure.error
    const link = this.#connect()
    link.taken++
    this.#links.push(link)
    try {
      await link.ready
      this.#failure = undefined
      return link
    } catch (error) {
      this.#drop(link)
      const count = (failure?.count ?? 0) + 1
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (count - 1))
      this.#failure = { error: error as Error, retryAt: Date.now() + delay, count }
      throw error
    }
  }

  #connect(): SshLink {
    const client = new Client()
    const link: SshLink = {
      client,
      ready: Promise.resolve(),
      taken: 0,
      capacity: CHANNELS_PER_CONNECTION,
      alive: true,
    }
    let hostKeyError: SshError | undefined
    link.ready = new Promise<void>((resolve, reject) => {
      client.once('ready', () => {
        resolve()
      })
      client.on('error', (error: Error & { level?: string }) => {
        this.#drop(link)
        reject(hostKeyError ?? this.#connectError(error))
      })
      client.once('close', () => {
        this.#drop(link)
        reject(hostKeyError ?? new SshError(this.#target.label, 'unreachable', this.#closedText()))
      })
      const config: ConnectConfig = {
        host: this.#target.hostname,
        port: this.#target.port,
        username: this.#target.username,
        privateKey: this.#ssh.privateKey,
        ...(this.#ssh.passphrase ? { passphrase: this.#ssh.passphrase } : {}),
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        readyTimeout: READY_TIMEOUT_MS,
        hostVerifier: (key: Buffer) => {
          hostKeyError = this.#checkHostKey(hostKeyFingerprint(key))
          return hostKeyError === undefined
        },
      }
      try {
        client.connect(config)
      } catch (error) {
        // ssh2 parses the key synchronously: a bad key or wrong passphrase throws here.
        this.#drop(link)
        reject(this.#keyError(error))
      }
    })
    // Nobody may be waiting when a link dies later; its error is reported by the next dial.
    link.ready.catch(() => undefined)
    return link
  }

  #checkHostKey(offered: string): SshError | undefined {
    const pinned = this.#ssh.hostKey
    const host = this.#target.label
    if (pinned === undefined || pinned.trim() === '')
      return new SshHostKeyUnknownError(host, offered)
    const expected = normaliseFingerprint(pinned)
    if (expected !== offered) return new SshHostKeyChangedError(host, expected, offered)
    return undefined
  }

  #exec(link: SshLink): Promise<DialStdioStream> {
    return new Promise((resolve, reject) => {
      link.client.exec(DIAL_STDIO_COMMAND, (error: Error | undefined, channel: ClientChannel) => {
        if (error) {
          reject(error)
          return
        }
        channel.once('close', () => {
          link.taken--
        })
        resolve(new DialStdioStream(channel, this.#target.label))
      })
    })
  }

  #drop(link: SshLink): void {
    link.alive = false
    this.#links = this.#links.filter((other) => other !== link)
  }

  #connectError(error: Error & { level?: string; code?: string }): SshError {
    const { label, username } = this.#target
    if (error.level === 'client-authentication') {
      const message = `SSH server at ${label} refused the key for user ${username}`
      return new SshError(label, 'auth-refused', message, error)
    }
    if (/privateKey|passphrase/i.test(error.message)) return this.#keyError(error)
    const detail = error.code ?? error.message
    const message = `SSH connection to ${label} failed (${detail})`
    return new SshError(label, 'unreachable', message, error)
  }

  #keyError(error: unknown): SshError {
    const detail = error instanceof Error ? error.message : String(error)
    const message = `The SSH private key for ${this.#target.label} cannot be used: ${detail}`
    return new SshError(this.#target.label, 'bad-private-key', message)
  }

  #closedText(): string {
    return `SSH connection to ${this.#target.label} closed before it was ready`
  }

  #explain(error: unknown): Error {
    if (error instanceof SshError) return error
    const detail = error instanceof Error ? error.message : String(error)
    const message = `SSH channel to ${this.#target.label} failed: ${detail}`
    return new SshError(this.#target.label, 'unreachable', message, error)
  }
}

/** ssh2's words for a server that refused to open one more session channel. */
function isChannelRefused(error: unknown): boolean {
  return error instanceof Error && /open failed|Channel open failure/i.test(error.message)
}
