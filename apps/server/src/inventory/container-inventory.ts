import type { Container, ContainerDetails, Engine, EngineEvent } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { HostEventMessage, HostEvents } from '../events/index.ts'
import { type ContainerTiming, statusText, timelessTiming } from './container-status.ts'
import { containerDrift, isListChange } from './container-drift.ts'

export interface InventoryCounters {
  fullSyncs: number
  /** Engine reads caused by events (batched `containers/json?filters=id` + inspects). */
  eventReads: number
  /** Containers a reconciliation found different from the model, and repaired. */
  driftRepairs: number
}

interface Entry {
  container: Container
  timing?: ContainerTiming
}

const COALESCE_MS = 20
const SETTLE_MS = 2000
const MAX_REREADS = 5
const REREAD_DELAY_MS = 50
/** After failed re-reads (engine busy or failing), the containers are read again, backing off. */
const REREAD_RETRY_MS = { first: 500, max: 30_000 }
const INSPECT_CONCURRENCY = 4
/** Reconciliation every 4–6 minutes: cheap insurance, far from a poll. */
const RECONCILE_MS = { base: 4 * 60_000, jitter: 2 * 60_000 }

/**
 * The host's containers, kept by its events: an event leads to a re-read of just the container
 * it names, lists are served from memory once warm, and a full read happens only on (re)connect
 * and on a slow reconciliation that counts what it had to repair. The status text is re-rendered
 * from the container's timing at serve time, so "Up 5 minutes" stays true without engine reads.
 */
export class ContainerInventory {
  readonly counters: InventoryCounters = { fullSyncs: 0, eventReads: 0, driftRepairs: 0 }
  readonly #engine: Engine
  readonly #logger: Logger
  readonly #entries = new Map<string, Entry>()
  readonly #pending = new Set<string>()
  /** Names changed through our own API, re-read by name (a name may not be an id). */
  readonly #pendingNames = new Set<string>()
  #flushing: Promise<void> | undefined
  readonly #toInspect: string[] = []
  readonly #retries = new Map<string, number>()
  /**
   * Containers an event named: if their re-read row shows no change, the engine's list may lag
   * the event (a container that starts and exits at once reads "running" after its `die`), so
   * inspect, which reads the container itself, settles it.
   */
  readonly #announced = new Set<string>()
  #inspecting = 0
  #warm = false
  #stopped = false
  #failedRereads = 0
  /** Bumped by every full read applied: a re-read that overlapped one reads again. */
  #generation = 0
  #syncing: Promise<number> | undefined
  #reconcileTimer: NodeJS.Timeout | undefined
  #flushTimer: NodeJS.Timeout | undefined
  #stopListening: () => void

  constructor(engine: Engine, events: HostEvents, logger: Logger) {
    this.#engine = engine
    this.#logger = logger
    this.#stopListening = events.listen((message) => {
      this.#onMessage(message)
    })
  }

  get warm(): boolean {
    return this.#warm
  }

  /**
   * The containers as the engine would list them now, or undefined while not in sync. Waits
   * (briefly) for re-reads already due, so a change made through our API shows at once.
   */
  async list(options: { all: boolean }): Promise<Container[] | undefined> {
    if (!this.#warm) return undefined
    const deadline = Date.now() + SETTLE_MS
    while (
      (this.#pending.size > 0 || this.#pendingNames.size > 0 || this.#flushing) &&
      Date.now() < deadline
    ) {
      // A failed re-read leaves the model behind a change: the caller reads the engine itself,
      // so the answer is current or carries the engine's own error.
      const settled = await (this.#flushing ?? this.#flush()).then(
        () => true,
        () => false,
      )
      if (!settled) return undefined
    }
    return this.#warm ? this.#rows(options, Date.now()) : undefined
  }

  /** Re-read a container we just changed (by id or name), ahead of its event. */
  touch(ref: string): void {
    if (/^[0-9a-f]{64}$/.test(ref)) this.#pending.add(ref)
    else this.#pendingNames.add(ref)
    this.#flushSoon()
  }

  #rows(options: { all: boolean }, now: number): Container[] {
    const rows: Container[] = []
    for (const { container, timing } of this.#entries.values()) {
      if (!options.all && !['running', 'paused', 'restarting'].includes(container.state)) continue
      rows.push(timing ? { ...container, status: statusText(timing, now) } : container)
    }
    return rows.sort((a, b) => b.created - a.created)
  }

  /** Reads everything again and counts what the model had wrong (the slow reconciliation). */
  async reconcile(): Promise<number> {
    return this.#fullSync(true)
  }

  stop(): void {
    this.#stopped = true
    this.#stopListening()
    clearTimeout(this.#flushTimer)
    clearTimeout(this.#reconcileTimer)
    this.#warm = false
  }

  #scheduleReconcile(): void {
    clearTimeout(this.#reconcileTimer)
    if (this.#stopped) return
    const delay = RECONCILE_MS.base + Math.random() * RECONCILE_MS.jitter
    this.#reconcileTimer = setTimeout(() => {
      void this.reconcile()
        .catch((err: unknown) => {
          this.#logger.warn({ err }, 'inventory reconciliation failed')
        })
        .finally(() => {
          this.#scheduleReconcile()
        })
    }, delay)
    this.#reconcileTimer.unref()
  }

  #onMessage(message: HostEventMessage): void {
    if (message.kind === 'disconnected') {
      this.#warm = false
    } else if (message.kind === 'reconnected') {
      void this.#fullSync(false).catch((err: unknown) => {
        this.#logger.warn({ err }, 'inventory sync failed')
      })
    } else {
      const id = affectedContainer(message.event)
      if (id !== undefined) {
        this.#announced.add(id)
        this.#schedule(id)
      }
    }
  }

  async #fullSync(countDrift: boolean): Promise<number> {
    this.#syncing ??= (async () => {
      const listed = await this.#engine.containers.list({ all: true })
      // Stopped meanwhile (host removed or re-addressed): this read must not revive the model.
      if (this.#stopped) return 0
      this.counters.fullSyncs++
      this.#generation++
      const drift = countDrift ? containerDrift(this.#entries, listed) : 0
      const next = new Map(
        listed.map((c) => [
          c.id,
          { container: c, timing: this.#keptTiming(c) ?? timelessTiming(c) },
        ]),
      )
      this.#entries.clear()
      for (const [id, entry] of next) this.#entries.set(id, entry)
      for (const [id, entry] of next) if (!entry.timing) this.#queueInspect(id)
      this.#warm = true
      this.#scheduleReconcile()
      if (drift > 0) {
        this.counters.driftRepairs += drift
        this.#logger.warn({ drift }, 'inventory reconciliation repaired drift')
      }
      return drift
    })().finally(() => {
      this.#syncing = undefined
      if (this.#pending.size > 0) this.#flushSoon()
    })
    return this.#syncing
  }

  /** Timing survives a full read only while the state it describes is unchanged. */
  #keptTiming(listed: Container): ContainerTiming | undefined {
    const timing = this.#entries.get(listed.id)?.timing
    return timing?.state === listed.state ? timing : undefined
  }

  #schedule(id: string): void {
    this.#pending.add(id)
    this.#flushSoon()
  }

  #flushSoon(): void {
    if (this.#flushTimer) return
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined
      void this.#flush().catch((err: unknown) => {
        this.#logger.warn({ err }, 'inventory re-read failed')
      })
    }, COALESCE_MS)
    this.#flushTimer.unref()
  }

  #flush(): Promise<void> {
    if (this.#syncing) return this.#syncing.then(() => undefined)
    this.#flushing ??= this.#reread().finally(() => {
      this.#flushing = undefined
    })
    return this.#flushing
  }

  /**
   * One filtered list call for the containers named since the last flush (two with names).
   * What fails, or overlaps a full read that may be newer, is queued to be read again.
   */
  async #reread(): Promise<void> {
    const ids = [...this.#pending]
    const names = [...this.#pendingNames]
    this.#pending.clear()
    this.#pendingNames.clear()
    if (ids.length === 0 && names.length === 0) return
    this.counters.eventReads++
    const generation = this.#generation
    try {
      await this.#apply(ids, names, generation)
      this.#failedRereads = 0
    } catch (err) {
      const backoff = REREAD_RETRY_MS.first * 2 ** this.#failedRereads++
      this.#requeue(ids, names, Math.min(backoff, REREAD_RETRY_MS.max))
      throw err
    }
  }

  #requeue(ids: readonly string[], names: readonly string[], delayMs: number): void {
    if (this.#stopped) return
    setTimeout(() => {
      for (const id of ids) this.#pending.add(id)
      for (const name of names) this.#pendingNames.add(name)
      this.#flushSoon()
    }, delayMs).unref()
  }

  async #apply(ids: string[], names: string[], generation: number): Promise<void> {
    const rows =
      ids.length === 0
        ? []
        : await this.#engine.containers.list({ all: true, filters: { id: ids } })
    if (names.length > 0) {
      const filters = { name: names.map((n) => `^/${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }
      const byName = await this.#engine.containers.list({ all: true, filters })
      rows.push(...byName)
      ids.push(...byName.map((row) => row.id))
      // A name that no longer exists was removed: drop whatever carried it.
      for (const [id, entry] of this.#entries)
        if (names.includes(entry.container.name) && !byName.some((r) => r.id === id)) ids.push(id)
    }
    if (this.#stopped) return
    if (generation !== this.#generation) {
      // A full read was applied while these were read: either may be the newer, read again.
      this.#requeue(ids, names, 0)
      return
    }
    const byId = new Map(rows.map((row) => [row.id, row]))
    for (const id of ids) {
      const row = byId.get(id)
      if (!row) {
        this.#entries.delete(id)
        this.#retries.delete(id)
        this.#announced.delete(id)
        continue
      }
      const previous = this.#entries.get(id)
      const changed =
        !previous ||
        isListChange(previous.container, row) ||
        previous.container.status !== row.status
      const timing = changed ? timelessTiming(row) : previous.timing
      this.#entries.set(id, { container: row, ...(timing ? { timing } : {}) })
      const announced = this.#announced.delete(id)
      if (changed ? !timing : announced || this.#retries.has(id)) this.#queueInspect(id)
    }
  }

  #queueInspect(id: string): void {
    this.#toInspect.push(id)
    this.#pumpInspects()
  }

  #pumpInspects(): void {
    while (this.#inspecting < INSPECT_CONCURRENCY && this.#toInspect.length > 0) {
      const id = this.#toInspect.shift()
      if (id === undefined) break
      this.#inspecting++
      void this.#engine.containers
        .inspect(id)
        .then((details) => {
          const entry = this.#entries.get(id)
          if (!entry) return
          if (
            entry.container.state === details.state.status &&
            sameNetworks(entry.container.networks, details.networks)
          ) {
            entry.timing = toTiming(details)
            this.#retries.delete(id)
            return
          }
          // The engine emits some events (pause, a network connect) before the list it serves
          // reflects them; inspect reads the container itself. When they disagree, read the
          // row again.
          const tries = (this.#retries.get(id) ?? 0) + 1
          this.#retries.set(id, tries)
          if (tries <= MAX_REREADS) {
            setTimeout(() => {
              this.#schedule(id)
            }, REREAD_DELAY_MS * tries).unref()
            return
          }
          // A busy engine's list can lag longer than our re-reads: believe the container itself.
          entry.container = {
            ...entry.container,
            state: details.state.status,
            networks: details.networks,
          }
          entry.timing = toTiming(details)
          this.#retries.delete(id)
        })
        .catch(() => undefined)
        .finally(() => {
          this.#inspecting--
          this.#pumpInspects()
        })
    }
  }
}

/** Events that change what a container row shows, and the container they name. */
function affectedContainer(event: EngineEvent): string | undefined {
  if (event.type === 'container') {
    const quiet = [
      'exec_create',
      'exec_start',
      'exec_die',
      'attach',
      'detach',
      'resize',
      'top',
      'export',
      'commit',
      'copy',
      'archive-path',
      'extract-to-dir',
    ]
    return quiet.includes(event.action) ? undefined : event.actorId
  }
  if (event.type === 'network' && (event.action === 'connect' || event.action === 'disconnect')) {
    return event.attributes.container
  }
  return undefined
}

/** The same networks by name (what the list and inspect both carry, and what is shown). */
function sameNetworks(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const names = Object.keys(a)
  return names.length === Object.keys(b).length && names.every((name) => Object.hasOwn(b, name))
}

function toTiming(details: ContainerDetails): ContainerTiming {
  const { state } = details
  const health = state.health?.status
  return {
    state: state.status,
    startedAt: state.startedAt === undefined ? undefined : Date.parse(state.startedAt),
    finishedAt: state.finishedAt === undefined ? undefined : Date.parse(state.finishedAt),
    exitCode: state.exitCode,
    health: health === undefined || health === 'none' ? undefined : health,
  }
}
