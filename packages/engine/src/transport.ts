import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { Duplex, Readable } from 'node:stream'
import { type EngineEndpoint, type ParsedEndpoint, parseEndpoint } from './endpoint.ts'
import { EngineUnreachableError } from './errors.ts'
import { SshDialer } from './ssh/ssh-dialer.ts'
import { SshAgent, dialWith } from './ssh/ssh-agent.ts'

export interface TransportRequest {
  method: string
  /** Path with query string, already prefixed with the API version. */
  path: string
  headers?: Record<string, string>
  body?: Buffer | Readable
  signal?: AbortSignal
  /**
   * Long-lived streams (logs, stats, events, pulls) get a connection of their own instead of one
   * from the keep-alive pool: thirty open stats streams must not leave ordinary calls waiting.
   */
  unpooled?: boolean
}

/**
 * HTTP to one engine over a unix socket, TCP, TCP+TLS or SSH, with node:http and a keep-alive
 * agent. Over SSH every connection is a `docker system dial-stdio` channel on one multiplexed SSH
 * connection (docs/engine.md#ssh), handed to node:http as its socket, so streams and hijacks work
 * as on a socket.
 * Chosen over undici for its smaller resident memory (docs/architecture.md, "Engine transport").
 * Hijacked connections (attach, exec) never come from the pool: they are fresh sockets that the
 * caller owns until it destroys them.
 */
export class Transport {
  readonly label: string
  readonly #target: ParsedEndpoint
  readonly #agent: http.Agent
  readonly #ssh: SshDialer | undefined

  constructor(endpoint: EngineEndpoint, maxSockets = 32) {
    this.#target = parseEndpoint(endpoint)
    this.label = this.#target.label
    const agentOptions = {
      keepAlive: true,
      maxSockets,
      maxFreeSockets: 4,
      scheduling: 'lifo' as const,
    }
    if (this.#target.kind === 'ssh') {
      if (!endpoint.ssh) throw new Error(`${endpoint.host} needs an SSH private key`)
      this.#ssh = new SshDialer(this.#target, endpoint.ssh)
      this.#agent = new SshAgent(this.#ssh, agentOptions)
    } else {
      this.#agent = this.#isTls() ? new https.Agent(agentOptions) : new http.Agent(agentOptions)
    }
  }

  /** Sends a request and resolves with the response once its headers arrive. */
  request(req: TransportRequest, retried = false): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const outgoing = this.#open(req, req.unpooled === true ? false : this.#agent)
      outgoing.once('response', resolve)
      outgoing.once('error', (err) => {
        // An idle SSH channel may die with its connection just as it is reused: a read sent on
        // it is sent once more, on a fresh channel (docs/engine.md#ssh).
        if (!retried && this.#ssh && outgoing.reusedSocket && isRepeatable(req)) {
          resolve(this.request(req, true))
          return
        }
        reject(this.#mapError(err, req.signal))
      })
      sendBody(outgoing, req.body)
    })
  }

  /**
   * Upgrades a request to a raw duplex byte stream (`Upgrade: tcp`), as attach and exec start
   * need (docs/engine.md#hijacked-connections). Resolves with the socket on `101`; any other status is returned
   * as a response for the caller to turn into an error.
   */
  hijack(req: TransportRequest): Promise<{ socket: Duplex } | { response: IncomingMessage }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, Connection: 'Upgrade', Upgrade: 'tcp' }
      const outgoing = this.#open({ ...req, headers }, false)
      outgoing.once('upgrade', (_res, socket, head) => {
        if (head.length > 0) socket.unshift(head)
        resolve({ socket })
      })
      outgoing.once('response', (response) => {
        resolve({ response })
      })
      outgoing.once('error', (err) => {
        reject(this.#mapError(err, req.signal))
      })
      sendBody(outgoing, req.body)
    })
  }

  close(): void {
    this.#agent.destroy()
    this.#ssh?.close()
  }

  #sshDialer(): SshDialer {
    if (!this.#ssh) throw new Error(`${this.label} is not an ssh:// engine`)
    return this.#ssh
  }

  #isTls(): boolean {
    return this.#target.kind === 'tcp' && this.#target.tls !== undefined
  }

  #open(req: TransportRequest, agent: http.Agent | false): http.ClientRequest {
    const base = {
      method: req.method,
      path: req.path,
      headers: { ...req.headers },
      agent,
      ...(req.signal ? { signal: req.signal } : {}),
    }
    const target = this.#target
    // Any Host works on a unix socket; over TCP node derives it (and TLS's name check) itself.
    if (target.kind === 'ssh') {
      const headers = { Host: 'docker', ...base.headers }
      // A pooled request gets its channel from the agent; an unpooled one opens its own.
      if (agent !== false) return http.request({ ...base, headers })
      // Without `agent` (false would make node build a plain Agent that ignores createConnection).
      const unpooled: http.RequestOptions = { ...base, headers }
      delete unpooled.agent
      return http.request({ ...unpooled, createConnection: dialWith(this.#sshDialer()) })
    }
    if (target.kind === 'unix') {
      return http.request({
        ...base,
        headers: { Host: 'docker', ...base.headers },
        socketPath: target.socketPath,
      })
    }
    const address = { ...base, host: target.hostname, port: target.port }
    if (!target.tls) return http.request(address)
    const { ca, cert, key, verify = true } = target.tls
    return https.request({ ...address, ca, cert, key, rejectUnauthorized: verify })
  }

  #mapError(err: Error, signal: AbortSignal | undefined): Error {
    // An abort is the caller's decision, not an unreachable engine: surface the caller's reason.
    if (signal?.aborted) {
      const reason: unknown = signal.reason
      return reason instanceof Error ? reason : new Error(String(reason))
    }
    // Already says why (an SSH failure: host key, authentication, no docker CLI).
    if (err instanceof EngineUnreachableError) return err
    return new EngineUnreachableError(this.label, err)
  }
}

/** A read without a body, which the engine may be asked twice without harm. */
function isRepeatable(req: TransportRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.body === undefined
}

function sendBody(outgoing: http.ClientRequest, body: Buffer | Readable | undefined): void {
  if (body === undefined) {
    outgoing.end()
  } else if (Buffer.isBuffer(body)) {
    outgoing.end(body)
  } else {
    body.once('error', (err) => outgoing.destroy(err))
    body.pipe(outgoing)
  }
}
