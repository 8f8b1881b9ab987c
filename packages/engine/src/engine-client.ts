import type { IncomingMessage } from 'node:http'
import type { Duplex, Readable } from 'node:stream'
import { chooseApiVersion } from './api-version.ts'
import { assertPathSupported } from './capabilities.ts'
import type { EngineEndpoint } from './endpoint.ts'
import { EngineProtocolError, EngineTimeoutError, EngineUnreachableError } from './errors.ts'
import { type Query, encodeQuery } from './query.ts'
import { ping } from './ping.ts'
import { RequestLimiter } from './request-limiter.ts'
import { readBody, readEngineError } from './response-body.ts'
import { Transport } from './transport.ts'

/** Every engine call takes these: cancellation, and a deadline in milliseconds. */
export interface CallOptions {
  signal?: AbortSignal | undefined
  /** Deadline for the whole call (for streams: until the response headers). */
  timeoutMs?: number | undefined
}

export interface ConnectOptions extends CallOptions {
  /**
   * Ping now even if an answer is cached, and keep the new answer. For a caller with reason to
   * think the engine went away (its stream broke): a cached answer says nothing about now, and
   * the engine may come back upgraded.
   */
  fresh?: boolean
}

export interface RequestSpec {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'
  /** Unversioned path such as `/containers/json`; the client adds `/vX.Y`. */
  path: string
  query?: Query
  /** JSON-serialisable body, or raw bytes/stream with `contentType`. */
  json?: unknown
  body?: Buffer | Readable
  contentType?: string
  headers?: Record<string, string>
}

export type EngineFlavour = 'docker' | 'podman'

/** What the engine said about itself when we connected. */
export interface EngineIdentity {
  /** The version every request is prefixed with. */
  apiVersion: string
  /** The newest version the engine serves. */
  engineApiVersion: string
  flavour: EngineFlavour
  osType: string | undefined
}

export interface EngineClientOptions extends EngineEndpoint {
  /** Pin a version lower than the engine's own (e.g. "1.24"). */
  apiVersion?: string
  /** Default deadline for calls that are not streams. Default 30 s. */
  timeoutMs?: number
  /** Concurrent pooled connections to this engine. Default 32. */
  maxSockets?: number
  /** Calls (not streams) in flight at once; more wait in a queue until their deadline. Default 16. */
  maxConcurrentCalls?: number
}

/** Counters a server exposes as metrics: what this client asked of its engine. */
export interface EngineCallCounts {
  /** Every HTTP request sent, streams and pings included. */
  requests: number
  /** Requests by `METHOD /path` with ids left in (bounded by what callers ask). */
  byRoute: Map<string, number>
}

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_CONCURRENT_CALLS = 16
const MAX_COUNTED_ROUTES = 512
const MAX_JSON_BYTES = 256 * 1024 * 1024

/**
 * The request core shared by every resource module: version negotiation, prefixing, deadlines,
 * and turning the engine's error bodies into typed errors. Resource modules never see HTTP.
 */
export class EngineClient {
  readonly transport: Transport
  readonly counts: EngineCallCounts = { requests: 0, byRoute: new Map() }
  readonly #options: EngineClientOptions
  readonly #limiter: RequestLimiter
  #identity: Promise<EngineIdentity> | undefined

  constructor(options: EngineClientOptions) {
    this.#options = options
    this.transport = new Transport(options, options.maxSockets)
    this.#limiter = new RequestLimiter(options.maxConcurrentCalls ?? DEFAULT_MAX_CONCURRENT_CALLS)
  }

  get label(): string {
    return this.transport.label
  }

  /**
   * Pings the engine and negotiates the API version once; later calls reuse the answer until the
   * engine becomes unreachable, after which the next call negotiates again (it may have been
   * upgraded while it was down). `fresh` pings even when an answer is cached.
   */
  connect(options: ConnectOptions = {}): Promise<EngineIdentity> {
    if (this.#identity === undefined || options.fresh === true) {
      const negotiation = this.#negotiate(options)
      this.#identity = negotiation
      // Forgotten on failure, unless a newer negotiation has taken its place meanwhile.
      negotiation.catch(() => {
        if (this.#identity === negotiation) this.#identity = undefined
      })
    }
    return this.#identity
  }

  /** Sends a request and parses the JSON answer. */
  async json<T>(spec: RequestSpec, options: CallOptions = {}): Promise<T> {
    return this.#withDeadline(spec, options, async (signal) => {
      const res = await this.#send(spec, signal)
      const text = (await readBody(res, MAX_JSON_BYTES, signal)).toString('utf8')
      try {
        return JSON.parse(text) as T
      } catch {
        throw new EngineProtocolError(`${spec.method} ${spec.path} answered with invalid JSON`)
      }
    })
  }

  /** Sends a request whose answer has no useful body (204, 200 empty, 304 "already so"). */
  async send(spec: RequestSpec, options: CallOptions = {}): Promise<number> {
    return this.#withDeadline(spec, options, async (signal) => {
      const res = await this.#send(spec, signal)
      res.resume()
      return res.statusCode ?? 0
    })
  }

  /** Sends a request and returns the raw response body stream (success statuses only). */
  async stream(spec: RequestSpec, options: CallOptions = {}): Promise<IncomingMessage> {
    const { signal, timeoutMs } = options
    const headerDeadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)
    const combined = anySignal(signal, headerDeadline)
    try {
      const res = await this.#send(spec, combined, true)
      // The deadline covered the headers only: from here on only the caller's signal counts.
      if (headerDeadline && signal)
        signal.addEventListener('abort', () => res.destroy(), { once: true })
      return res
    } catch (err) {
      throw this.#deadlineError(err, spec, headerDeadline, timeoutMs)
    }
  }

  /** Upgrades to a raw duplex stream (attach, exec start). */
  async hijack(spec: RequestSpec, options: CallOptions = {}): Promise<Duplex> {
    const { version, headers, body } = await this.#prepare(spec, options.signal)
    this.#count(spec)
    const result = await this.transport.hijack({
      method: spec.method,
      path: `/v${version}${spec.path}${encodeQuery(spec.query)}`,
      headers,
      ...(body ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    if ('socket' in result) return result.socket
    const { response } = result
    if ((response.statusCode ?? 0) >= 400) throw await readEngineError(response)
    throw new EngineProtocolError(
      `${spec.method} ${spec.path} answered ${String(response.statusCode)} instead of upgrading`,
    )
  }

  close(): void {
    this.transport.close()
  }

  #count(spec: RequestSpec): void {
    this.counts.requests++
    const route = `${spec.method} ${spec.path}`
    const seen = this.counts.byRoute.get(route)
    if (seen !== undefined || this.counts.byRoute.size < MAX_COUNTED_ROUTES) {
      this.counts.byRoute.set(route, (seen ?? 0) + 1)
    }
  }

  async #send(
    spec: RequestSpec,
    signal: AbortSignal | undefined,
    unpooled = false,
  ): Promise<IncomingMessage> {
    const { version, headers, body } = await this.#prepare(spec, signal)
    this.#count(spec)
    try {
      const res = await this.transport.request({
        method: spec.method,
        path: `/v${version}${spec.path}${encodeQuery(spec.query)}`,
        headers,
        ...(body ? { body } : {}),
        ...(signal ? { signal } : {}),
        unpooled,
      })
      if ((res.statusCode ?? 0) >= 400) throw await readEngineError(res)
      return res
    } catch (err) {
      if (err instanceof EngineUnreachableError) this.#identity = undefined
      throw err
    }
  }

  async #prepare(spec: RequestSpec, signal: AbortSignal | undefined) {
    const { apiVersion: version } = await this.connect(signal ? { signal } : {})
    assertPathSupported(spec.path, version)
    const headers: Record<string, string> = { ...spec.headers }
    let body: Buffer | Readable | undefined = spec.body
    if (spec.json !== undefined) {
      body = Buffer.from(JSON.stringify(spec.json))
      headers['Content-Type'] = 'application/json'
    } else if (spec.contentType) {
      headers['Content-Type'] = spec.contentType
    }
    return { version, headers, body }
  }

  async #withDeadline<T>(
    spec: RequestSpec,
    options: CallOptions,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = anySignal(options.signal, deadline) ?? deadline
    try {
      return await this.#limiter.run(`${spec.method} ${spec.path}`, signal, timeoutMs, () =>
        run(signal),
      )
    } catch (err) {
      throw this.#deadlineError(err, spec, deadline, timeoutMs)
    }
  }

  #deadlineError(
    err: unknown,
    spec: RequestSpec,
    deadline: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): unknown {
    if (deadline?.aborted && timeoutMs !== undefined && err === deadline.reason) {
      return new EngineTimeoutError(`${spec.method} ${spec.path}`, timeoutMs)
    }
    return err
  }

  async #negotiate(options: CallOptions): Promise<EngineIdentity> {
    this.#count({ method: 'HEAD', path: '/_ping' })
    const answer = await ping(
      this.transport,
      options.timeoutMs ?? this.#options.timeoutMs,
      options.signal,
    )
    return {
      apiVersion: chooseApiVersion(answer.apiVersion, this.#options.apiVersion),
      engineApiVersion: answer.apiVersion,
      flavour: answer.flavour,
      osType: answer.osType,
    }
  }
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined)
  if (present.length <= 1) return present[0]
  return AbortSignal.any(present)
}
