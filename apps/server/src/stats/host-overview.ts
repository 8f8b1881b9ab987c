import type { StatsSampleDto } from '@harbormaster/contract'
import type { Container } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import type { HostEventMessage } from '../events/index.ts'
import type { RegisteredHost } from '../hosts/index.ts'
import { sendMessage } from '../platform/live-route.ts'
import { type HostGrant, inScope } from '../policy/index.ts'
import { MAX_BUFFERED_BYTES } from './live-limits.ts'

const INTERVAL_MS = 1000
/** Events come in bursts (die, stop; create, start): one re-list for the whole burst. */
const RESYNC_DELAY_MS = 100
/** Container actions that change which containers run. */
const RUNNING_SET_CHANGES = new Set(['start', 'die', 'destroy', 'restart'])
/** The list key the container routes share engine reads under (containers/routes.ts). */
const RUNNING_LIST_KEY = 'containers?all=false&size=false'
const LIST_REUSE_MS = 250

interface Watched {
  unsubscribe: () => void
  latest?: StatsSampleDto
}

/**
 * One browser's host overview: the hub streams every running container in the caller's scope,
 * and this socket gets all their latest figures as one message a second (only when something
 * changed), never one socket per container. The set follows containers starting and stopping
 * through the host's events. A browser that cannot keep up skips seconds: stats are latest-wins.
 */
export class HostOverview {
  readonly #host: RegisteredHost
  readonly #grant: HostGrant
  readonly #ws: WebSocket
  readonly #logger: Logger
  readonly #watched = new Map<string, Watched>()
  /** Running containers left out because the host's stream cap was reached. */
  #omitted = 0
  /** Something to send at the next tick: a new sample, or a change of the set. */
  #dirty = false
  #synced = false
  #closed = false
  #syncing = false
  #syncAgain = false
  #resyncTimer: NodeJS.Timeout | undefined
  readonly #ticker: NodeJS.Timeout
  readonly #stopListening: () => void

  constructor(host: RegisteredHost, grant: HostGrant, ws: WebSocket, logger: Logger) {
    this.#host = host
    this.#grant = grant
    this.#ws = ws
    this.#logger = logger
    this.#stopListening = host.events.listen((message) => {
      this.#onHostEvent(message)
    })
    this.#ticker = setInterval(() => {
      this.#tick()
    }, INTERVAL_MS)
    ws.once('close', () => {
      this.close()
    })
    void this.#sync()
  }

  /** Containers this overview watches now (for tests). */
  get watching(): number {
    return this.#watched.size
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#stopListening()
    clearInterval(this.#ticker)
    clearTimeout(this.#resyncTimer)
    for (const watched of this.#watched.values()) watched.unsubscribe()
    this.#watched.clear()
  }

  #tick(): void {
    if (!this.#dirty) return
    // Latest-wins: a browser still busy with earlier seconds skips this one.
    if (this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) return
    this.#dirty = false
    const samples = [...this.#watched.values()].flatMap((w) => (w.latest ? [w.latest] : []))
    sendMessage(this.#ws, {
      type: 'samples',
      samples,
      ...(this.#omitted > 0 ? { omitted: this.#omitted } : {}),
    })
  }

  #onHostEvent(message: HostEventMessage): void {
    if (message.kind === 'disconnected') return
    if (message.kind === 'event') {
      const { event } = message
      if (event.type !== 'container' || !RUNNING_SET_CHANGES.has(event.action)) return
      if (!inScope(this.#grant, event.attributes)) return
    }
    clearTimeout(this.#resyncTimer)
    this.#resyncTimer = setTimeout(() => void this.#sync(), RESYNC_DELAY_MS)
  }

  /** Watches exactly the running containers in scope; serialised, re-run when asked meanwhile. */
  async #sync(): Promise<void> {
    if (this.#syncing) {
      this.#syncAgain = true
      return
    }
    this.#syncing = true
    try {
      do {
        this.#syncAgain = false
        const running = await this.#listRunning()
        if (this.#closed) return
        this.#watchOnly(running.filter((c) => inScope(this.#grant, c.labels)))
        // Nothing running: say so at once; otherwise the first samples will.
        if (!this.#synced && this.#watched.size === 0) this.#dirty = true
        this.#synced = true
      } while (this.#syncAgain && !this.#closed)
    } catch (err) {
      // The engine is away: its events stream reconnects, and 'reconnected' syncs again.
      this.#logger.warn({ err }, 'host overview could not list running containers')
    } finally {
      this.#syncing = false
    }
  }

  /** From the host's event-fed model when warm; else one engine read shared with list routes. */
  async #listRunning(): Promise<Container[]> {
    const host = this.#host
    const containers =
      (await host.containers.list({ all: false })) ??
      (await host.reads.run(
        RUNNING_LIST_KEY,
        () => host.engine.containers.list({ all: false }),
        LIST_REUSE_MS,
      ))
    return containers.filter((c) => c.state === 'running' || c.state === 'paused')
  }

  #watchOnly(running: Container[]): void {
    const wanted = new Set(running.map((c) => c.id))
    for (const [id, watched] of this.#watched) {
      if (wanted.has(id)) continue
      watched.unsubscribe()
      this.#watched.delete(id)
      this.#dirty = true
    }
    let omitted = 0
    for (const { id } of running) {
      if (this.#watched.has(id)) continue
      if (!this.#host.stats.hasRoomFor(id)) {
        omitted++
        continue
      }
      const watched: Watched = { unsubscribe: () => undefined }
      try {
        watched.unsubscribe = this.#host.stats.subscribe(id, (update) => {
          if (this.#watched.get(id) !== watched) return
          if (update.kind === 'sample') watched.latest = update.sample
          // Stopped or gone: its event re-syncs the set; until then it is simply not shown.
          else this.#watched.delete(id)
          this.#dirty = true
        })
      } catch {
        omitted++
        continue
      }
      this.#watched.set(id, watched)
    }
    if (omitted !== this.#omitted) this.#dirty = true
    this.#omitted = omitted
  }
}
