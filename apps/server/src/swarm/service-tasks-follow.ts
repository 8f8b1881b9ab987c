import type { ServiceTasksSnapshot } from '@harbormaster/contract'
import {
  type Engine,
  type EngineEvent,
  EngineNotFoundError,
  type ServiceDetails,
  type Task,
} from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { HostEventMessage, HostEvents } from '../events/index.ts'
import { toSwarmTask } from './to-swarm-dto.ts'

/** Between two reads while the service moves: a rolling update's steps take a second or more. */
export const MOVING_READ_MS = 500
/**
 * After a read an event asked for, if the service still moves: an event comes just before the
 * state it announces reaches the task list (a container's `start` precedes its task `running`
 * by a few tens of ms), so the read it caused mostly finds the step before.
 */
export const AFTER_EVENT_READ_MS = 100
/** After a failed read (the engine busy or restarting), before the next try. */
const RETRY_READ_MS = 2000

/** What a follower tells each of its watchers. */
export type TasksUpdate =
  | { kind: 'snapshot'; snapshot: ServiceTasksSnapshot }
  /** The follower stopped for good (the service is gone): close with `closeWithError`. */
  | { kind: 'ended'; error: unknown }

export type TasksWatcher = (update: TasksUpdate) => void

/** The update states in which the engine is replacing tasks. */
const UPDATING = new Set(['updating', 'rollback_started'])
/** Task states a task meant to be shut down can still be in: it has not stopped yet. */
const STILL_ACTIVE = new Set([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
])

/**
 * Follows the tasks of one service for every browser watching it: swarm sends no task events,
 * so the follower reads the service and its tasks itself, ONE read (`GET /services/{id}` and
 * `GET /tasks?filters=service`) for all watchers, about twice a second while the service moves
 * (an update or rollback running, or tasks not yet where they are meant to be), and once it has
 * settled only when an engine event may have moved it: the service's own `service` event, a
 * `container` event of one of its tasks (those on the engine we talk to), any `node` event (a
 * node going down moves its tasks), or the events stream coming back after a gap, and every
 * `recheckMs` besides: a task failing on another node sends the manager no event at all. An
 * event seen while it moves brings the next read forward (AFTER_EVENT_READ_MS). Watchers get the
 * snapshot only when it changed. It stops reading when the last one leaves.
 */
export class ServiceTasksFollow {
  readonly serviceId: string
  readonly #engine: Engine
  readonly #events: HostEvents
  readonly #recheckMs: number | undefined
  readonly #logger: Logger
  readonly #onIdle: () => void
  readonly #watchers = new Set<TasksWatcher>()
  #controller = new AbortController()
  #stopListening: (() => void) | undefined
  #latest: ServiceTasksSnapshot | undefined
  #latestJson = ''
  #reading = false
  /** An event arrived during a read: read again once it is back. */
  #again = false
  /** The read running (or asked for) follows an event. */
  #afterEvent = false
  #timer: NodeJS.Timeout | undefined

  constructor(options: {
    engine: Engine
    events: HostEvents
    serviceId: string
    logger: Logger
    /** Between two reads once settled (undefined: only on events). */
    recheckMs: number | undefined
    onIdle: () => void
  }) {
    this.#engine = options.engine
    this.#events = options.events
    this.serviceId = options.serviceId
    this.#logger = options.logger
    this.#recheckMs = options.recheckMs
    this.#onIdle = options.onIdle
  }

  get watchers(): number {
    return this.#watchers.size
  }

  /** Adds a watcher, who gets the latest snapshot at once; returns the function removing it. */
  watch(watcher: TasksWatcher): () => void {
    this.#watchers.add(watcher)
    if (this.#latest) watcher({ kind: 'snapshot', snapshot: this.#latest })
    if (this.#watchers.size === 1) this.#start()
    return () => {
      this.#unwatch(watcher)
    }
  }

  #unwatch(watcher: TasksWatcher): void {
    if (!this.#watchers.delete(watcher) || this.#watchers.size > 0) return
    this.#stop()
    this.#onIdle()
  }

  #start(): void {
    this.#controller = new AbortController()
    this.#stopListening = this.#events.listen((message) => {
      if (!concerns(message, this.serviceId)) return
      this.#afterEvent = true
      this.#readNow()
    })
    this.#readNow()
  }

  #stop(): void {
    this.#stopListening?.()
    this.#stopListening = undefined
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#controller.abort(new Error('Nobody watches the service any more'))
    this.#latest = undefined
    this.#latestJson = ''
  }

  #readNow(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#reading) this.#again = true
    else void this.#read()
  }

  #readIn(ms: number): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#readNow()
    }, ms)
  }

  async #read(): Promise<void> {
    this.#reading = true
    this.#again = false
    const afterEvent = this.#afterEvent
    this.#afterEvent = false
    const moving = await this.#readOnce(this.#controller.signal)
    this.#reading = false
    const next = moving === MOVING_READ_MS && afterEvent ? AFTER_EVENT_READ_MS : moving
    // Stopped meanwhile (nobody watches, or the service is gone): nothing more to read.
    if (this.#watchers.size === 0) return
    if (this.#again) this.#readNow()
    else if (next !== undefined) this.#readIn(next)
  }

  /** One read, published if it changed; returns when to read next (undefined: on an event). */
  async #readOnce(signal: AbortSignal): Promise<number | undefined> {
    try {
      const [details, tasks] = await Promise.all([
        this.#engine.services.inspect(this.serviceId, { signal }),
        this.#engine.swarm.tasks({ filters: { service: [this.serviceId] }, signal }),
      ])
      if (signal.aborted) return undefined
      const snapshot = toSnapshot(details, tasks)
      this.#publish(snapshot)
      return snapshot.settled ? this.#recheckMs : MOVING_READ_MS
    } catch (err) {
      if (signal.aborted) return undefined
      if (err instanceof EngineNotFoundError) {
        this.#end(err)
        return undefined
      }
      this.#logger.warn({ err, service: this.serviceId }, 'reading a service’s tasks failed')
      return RETRY_READ_MS
    }
  }

  #publish(snapshot: ServiceTasksSnapshot): void {
    const json = JSON.stringify(snapshot)
    if (json === this.#latestJson) return
    this.#latest = snapshot
    this.#latestJson = json
    for (const watcher of [...this.#watchers]) watcher({ kind: 'snapshot', snapshot })
  }

  #end(error: unknown): void {
    const watchers = [...this.#watchers]
    this.#watchers.clear()
    this.#stop()
    this.#onIdle()
    for (const watcher of watchers) watcher({ kind: 'ended', error })
  }
}

/** Whether a host event may have moved the service's tasks. */
function concerns(message: HostEventMessage, serviceId: string): boolean {
  if (message.kind === 'reconnected') return true
  if (message.kind !== 'event') return false
  const event: EngineEvent = message.event
  if (event.type === 'service') return event.actorId === serviceId
  if (event.type === 'container') {
    return event.attributes['com.docker.swarm.service.id'] === serviceId
  }
  return event.type === 'node'
}

export function toSnapshot(details: ServiceDetails, tasks: Task[]): ServiceTasksSnapshot {
  const ordered = [...tasks].sort(
    (a, b) => (a.slot ?? 0) - (b.slot ?? 0) || Date.parse(b.timestamp) - Date.parse(a.timestamp),
  )
  return {
    tasks: ordered.map(toSwarmTask),
    ...(details.updateStatus ? { updateStatus: details.updateStatus } : {}),
    version: details.version,
    settled: isSettled(details, tasks),
  }
}

/**
 * No update running, every task in its desired state (those meant to run running, those meant
 * to stop stopped), and as many meant to run as the service asks for. A task the scheduler
 * cannot place stays pending, so such a service is never settled: it is read twice a second as
 * long as someone watches it, which is what showing it live costs.
 */
export function isSettled(details: ServiceDetails, tasks: Task[]): boolean {
  if (details.updateStatus && UPDATING.has(details.updateStatus.state)) return false
  let meantToRun = 0
  for (const task of tasks) {
    if (task.desiredState === 'running') {
      meantToRun += 1
      if (task.state !== 'running') return false
    } else if (STILL_ACTIVE.has(task.state)) return false
  }
  const mode = details.spec.settings.mode
  const replicas = mode && 'replicated' in mode ? mode.replicated : undefined
  return replicas === undefined || meantToRun === replicas
}
