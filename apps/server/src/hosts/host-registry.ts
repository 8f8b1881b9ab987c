import { Slots } from '../platform/slots.ts'
import { DEFAULT_SECRET_ENV_PATTERNS, type HostStatus } from '@harbormaster/contract'
import {
  type Engine,
  type EngineEndpoint,
  createEngine,
  engineCapabilities,
} from '@harbormaster/engine'
import type { Logger } from 'pino'
import { HostEvents } from '../events/index.ts'
import { ContainerInventory } from '../inventory/index.ts'
import { SingleFlight } from '../platform/single-flight.ts'
import { StatsHub } from '../stats/index.ts'
import { type StoredHost, endpointOf, secretEnvPatternsOf } from './host-store.ts'
import { sshHostKeyProblem } from './ssh-host-key.ts'

export interface HostDefinition {
  id: string
  name: string
  endpoint: EngineEndpoint
  allowedBindPrefixes?: string[]
  /** Absent: `DEFAULT_SECRET_ENV_PATTERNS`. */
  secretEnvPatterns?: readonly string[]
  /** The API version to pin every request to; absent, negotiated. */
  apiVersion?: string | undefined
}

export interface RegisteredHost {
  readonly id: string
  /** Changed in place by a rename (see `applyStored`). */
  name: string
  readonly address: string
  /** Changed in place (see `applyStored`). */
  allowedBindPrefixes: readonly string[]
  /** Environment keys whose values only admins see. Changed in place (see `applyStored`). */
  secretEnvPatterns: readonly string[]
  /** How the engine is reached; a change needs a new client. */
  readonly endpoint: EngineEndpoint
  /** The pinned API version; a change needs a new client. */
  readonly apiVersion: string | undefined
  engine: Engine
  /** Identical reads in flight at once share one engine call. */
  reads: SingleFlight
  /**
   * Costly answers kept for a time of their own, whatever the events say: disk usage (30 s,
   * system/), the engine's defaults (60 s, containers/admin-only.ts).
   */
  timedReads: SingleFlight
  /** The host's one engine events subscription, shared by every listener. */
  events: HostEvents
  /** The host's containers, kept current by its events. */
  containers: ContainerInventory
  /** One shared engine stats stream per watched container. */
  stats: StatsHub
  /** Stack services deployed at once on this host, by every deploy together. */
  stackSlots: Slots
  /**
   * Whether the engine's host has this server's files at the same paths: a unix socket, with the
   * data directory on the engine's host (HARBORMASTER_DATA_DIR_ON_ENGINE_HOST). A stack's relative
   * bind sources name its folder on this server, so they are refused where this is false.
   */
  readonly seesServerFiles: boolean
  /**
   * Stacks with a mutating operation running on this host, by name, and which: another one of
   * the same stack is refused, 409 (stacks/stack-claims.ts).
   */
  readonly stackClaims: Map<string, string>
}

const STATUS_TTL_MS = 5000
const PROBE_TIMEOUT_MS = 5000

export interface HostRegistryOptions {
  /** Engine stats streams per host at most (HARBORMASTER_STATS_MAX_STREAMS). */
  statsMaxStreams: number
  /** Stack services deployed at once per host (HARBORMASTER_STACK_CONCURRENCY); default 4. */
  stackConcurrency?: number | undefined
  /** Whether a unix-socket engine sees the data directory (HARBORMASTER_DATA_DIR_ON_ENGINE_HOST); default true. */
  dataDirOnEngineHost?: boolean | undefined
  /**
   * Makes a host's engine client; default the real one. The fast test tier gives a fake here,
   * so the server's own logic (auth, policy, validation, audit) runs without a dockerd.
   */
  createEngine?: (endpoint: EngineEndpoint, apiVersion?: string) => Engine
}

interface StatusEntry {
  at: number
  value: Promise<HostStatus>
  /** Set once the probe has answered. */
  reachable?: boolean
}

/**
 * The engines this server manages, each with one long-lived client and connection pool. Status
 * answers are cached briefly and shared by concurrent askers, so a dashboard full of viewers
 * costs the engine one ping and one version call every few seconds at most.
 */
export class HostRegistry {
  readonly #hosts = new Map<string, RegisteredHost>()
  readonly #status = new Map<string, StatusEntry>()
  readonly #logger: Logger
  readonly #statsMaxStreams: number
  readonly #createEngine: (endpoint: EngineEndpoint, apiVersion?: string) => Engine
  readonly #stackConcurrency: number
  readonly #dataDirOnEngineHost: boolean
  readonly #addedListeners = new Set<(host: RegisteredHost) => void>()

  constructor(logger: Logger, options: HostRegistryOptions) {
    this.#logger = logger
    this.#statsMaxStreams = options.statsMaxStreams
    this.#createEngine =
      options.createEngine ??
      ((endpoint, apiVersion) =>
        createEngine({ ...endpoint, ...(apiVersion === undefined ? {} : { apiVersion }) }))
    this.#stackConcurrency = options.stackConcurrency ?? 4
    this.#dataDirOnEngineHost = options.dataDirOnEngineHost ?? true
  }

  add(definition: HostDefinition): void {
    this.remove(definition.id)
    const engine = this.#createEngine(definition.endpoint, definition.apiVersion)
    const logger = this.#logger.child({ host: definition.id })
    const events = new HostEvents(engine, logger)
    const host: RegisteredHost = {
      id: definition.id,
      name: definition.name,
      address: definition.endpoint.host,
      allowedBindPrefixes: definition.allowedBindPrefixes ?? [],
      secretEnvPatterns: definition.secretEnvPatterns ?? DEFAULT_SECRET_ENV_PATTERNS,
      endpoint: definition.endpoint,
      apiVersion: definition.apiVersion,
      engine,
      reads: new SingleFlight(),
      timedReads: new SingleFlight(),
      events,
      containers: new ContainerInventory(engine, events, logger),
      // Streams never take pooled connections (packages/engine transport), so one client serves.
      stats: new StatsHub(engine, events, logger, { maxStreams: this.#statsMaxStreams }),
      stackSlots: new Slots(this.#stackConcurrency),
      seesServerFiles: this.#dataDirOnEngineHost && definition.endpoint.host.startsWith('unix://'),
      stackClaims: new Map(),
    }
    // Any change the engine reports makes shared answers stale.
    host.events.listen((message) => {
      // The stream dropped or came back: the engine may have changed (restarted, upgraded).
      if (message.kind !== 'event') this.#status.delete(definition.id)
      // Shared answers are keyed by what they list (`containers?…`, `images?…`): an event makes
      // stale only the answers about its kind of object; an outage makes all of them stale.
      host.reads.clear(message.kind === 'event' ? `${message.event.type}s` : undefined)
    })
    this.#hosts.set(definition.id, host)
    for (const listener of this.#addedListeners) listener(host)
    void host.events.run()
  }

  /**
   * Calls `listener` with every host registered now and each one registered (or re-registered
   * with a new client) later, before its events stream starts: for watchers of every host's
   * events, such as the alert rules. Returns the function that stops the calls.
   */
  onEachHost(listener: (host: RegisteredHost) => void): () => void {
    for (const host of this.#hosts.values()) listener(host)
    this.#addedListeners.add(listener)
    return () => this.#addedListeners.delete(listener)
  }

  addStored(host: StoredHost): void {
    this.add({
      id: host.id,
      name: host.name,
      endpoint: endpointOf(host),
      allowedBindPrefixes: host.allowedBindPrefixes,
      secretEnvPatterns: secretEnvPatternsOf(host),
      apiVersion: host.apiVersion,
    })
  }

  /**
   * Applies a stored host's new settings. A rename, new bind paths or secret patterns change
   * the registered host in place: its engine client, events subscription, model and streams go
   * on, and so do the browsers watching it. A new address, TLS material or API pin needs a new
   * client.
   * @returns true when the host was reconnected (its streams ended with the old client).
   */
  applyStored(host: StoredHost): boolean {
    const current = this.#hosts.get(host.id)
    const endpoint = endpointOf(host)
    if (
      current === undefined ||
      !sameEndpoint(current.endpoint, endpoint) ||
      current.apiVersion !== host.apiVersion
    ) {
      this.addStored(host)
      return true
    }
    current.name = host.name
    current.allowedBindPrefixes = host.allowedBindPrefixes
    current.secretEnvPatterns = secretEnvPatternsOf(host)
    this.#status.delete(host.id)
    return false
  }

  remove(id: string): void {
    this.#hosts.get(id)?.stats.stop()
    this.#hosts.get(id)?.containers.stop()
    this.#hosts.get(id)?.events.stop()
    this.#hosts.get(id)?.engine.close()
    this.#hosts.delete(id)
    this.#status.delete(id)
  }

  get(id: string): RegisteredHost | undefined {
    return this.#hosts.get(id)
  }

  /** @returns the host's engine client, or undefined for an unknown host id. */
  engine(id: string): Engine | undefined {
    return this.#hosts.get(id)?.engine
  }

  ids(): string[] {
    return [...this.#hosts.keys()]
  }

  /**
   * Reachable or not, its engine version and the negotiated API version. A reachable answer is
   * kept while the host's events stream stays up (the engine cannot restart or change version
   * without the stream dropping, which forgets the answer), so health checks and viewers cost
   * the engine nothing; an unreachable one is probed again after ~5 s. `fresh` probes now, with
   * `timeoutMs` per call, for an answer that must follow a change (a host key just accepted).
   */
  status(id: string, fresh?: { timeoutMs: number }): Promise<HostStatus> | undefined {
    const host = this.#hosts.get(id)
    if (!host) return undefined
    const cached = this.#status.get(id)
    const stillTrue =
      cached !== undefined &&
      (Date.now() - cached.at < STATUS_TTL_MS ||
        (cached.reachable === true && host.events.connected))
    if (cached && stillTrue && !fresh) return cached.value
    const entry: StatusEntry = {
      at: Date.now(),
      value: probe(host, fresh?.timeoutMs ?? PROBE_TIMEOUT_MS),
    }
    void entry.value.then((status) => {
      entry.reachable = status.reachable
    })
    this.#status.set(id, entry)
    return entry.value
  }

  close(): void {
    for (const host of this.#hosts.values()) {
      host.stats.stop()
      host.containers.stop()
      host.events.stop()
      host.engine.close()
    }
    this.#hosts.clear()
    this.#status.clear()
  }
}

async function probe(host: RegisteredHost, timeoutMs: number): Promise<HostStatus> {
  const base = { id: host.id, name: host.name, address: host.address }
  try {
    const identity = await host.engine.connect({ timeoutMs })
    const version = await host.engine.system.version({ timeoutMs })
    return {
      ...base,
      reachable: true,
      flavour: identity.flavour,
      engineVersion: version.version,
      apiVersion: identity.apiVersion,
      capabilities: engineCapabilities(identity.apiVersion, identity.flavour),
    }
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    return { ...base, reachable: false, error, ...sshHostKeyProblem(err) }
  }
}

function sameEndpoint(a: EngineEndpoint, b: EngineEndpoint): boolean {
  const tls = (e: EngineEndpoint) =>
    e.tls ? [e.tls.verify, e.tls.ca ?? '', e.tls.cert ?? '', e.tls.key ?? ''] : []
  const ssh = (e: EngineEndpoint) =>
    e.ssh ? [e.ssh.privateKey.toString(), e.ssh.passphrase ?? '', e.ssh.hostKey ?? ''] : []
  return (
    a.host === b.host &&
    JSON.stringify(tls(a)) === JSON.stringify(tls(b)) &&
    JSON.stringify(ssh(a)) === JSON.stringify(ssh(b))
  )
}
