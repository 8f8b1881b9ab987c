import type { StatsSampleDto } from '@harbormaster/contract'
import {
  type CpuCounters,
  type Engine,
  EngineNotFoundError,
  cpuPercent,
} from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { HostEventMessage, HostEvents } from '../events/index.ts'
import { ApiError } from '../platform/errors.ts'
import { toStatsDto } from './to-stats-dto.ts'

export type StatsUpdate =
  | { kind: 'sample'; sample: StatsSampleDto }
  /**
   * The stream ended for good and the listener was removed: the container stopped (ApiError
   * 409), went away (404), or the engine failed (its error). Close with `closeWithError`.
   */
  | { kind: 'ended'; error: unknown }

export type StatsListener = (update: StatsUpdate) => void

export interface StatsHubOptions {
  /** How long a stream stays open after its last viewer left (issue 10: at most 60 s). */
  lingerMs?: number
  /**
   * Engine stats streams open at once on this host; more viewers of new containers are refused.
   * From the configuration (HARBORMASTER_STATS_MAX_STREAMS), which owns the default.
   */
  maxStreams: number
}

export interface StatsHubCounters {
  /** Engine stats streams opened since start. */
  opened: number
  /** Engine stats streams open now (watched or lingering). */
  open: number
  /** Of those, the ones with at least one viewer. */
  watched: number
}

/** A tab switch or a reload must not reopen the stream; issue 10 allows up to 60 s. */
export const DEFAULT_LINGER_MS = 10_000
const WHY_ENDED_TIMEOUT_MS = 5000

interface Feed {
  id: string
  listeners: Set<StatsListener>
  controller: AbortController
  /** The counters of the stream's previous sample: CPU % is the ratio of two samples' deltas. */
  previous?: CpuCounters
  latest?: StatsSampleDto
  linger?: NodeJS.Timeout | undefined
}

/**
 * Stats of one host's containers, shared: ONE engine stats stream per container, opened on the
 * first viewer's interest and closed `lingerMs` after the last one left, however many browsers
 * (container views, host overviews) watch it. CPU % is computed here from consecutive samples,
 * and each sample goes to every listener as the contract's DTO, at the engine's pace (1 s on
 * Docker, 5 s on Podman). A container that stops or goes away ends its stream and its
 * listeners are told why.
 */
export class StatsHub {
  /** Adjustable at run time (tests shorten it); applies to streams left from then on. */
  lingerMs: number
  readonly #engine: Engine
  readonly #logger: Logger
  readonly #maxStreams: number
  readonly #feeds = new Map<string, Feed>()
  readonly #stopListening: () => void
  #opened = 0
  #stopped = false

  constructor(engine: Engine, events: HostEvents, logger: Logger, options: StatsHubOptions) {
    this.#engine = engine
    this.#logger = logger
    this.lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS
    this.#maxStreams = options.maxStreams
    this.#stopListening = events.listen((message) => {
      this.#onHostEvent(message)
    })
  }

  /** The engine client the streams use (its call counts are the stats streams' cost). */
  get engine(): Engine {
    return this.#engine
  }

  get counters(): StatsHubCounters {
    let watched = 0
    for (const feed of this.#feeds.values()) if (feed.listeners.size > 0) watched++
    return { opened: this.#opened, open: this.#feeds.size, watched }
  }

  /** Whether a viewer of this container can be served (its stream is open, or there is room). */
  hasRoomFor(id: string): boolean {
    return (
      this.#feeds.has(id) || this.#feeds.size < this.#maxStreams || this.#idleFeed() !== undefined
    )
  }

  /** Viewers of a container's stream: undefined when no stream is open, 0 while it lingers. */
  viewers(id: string): number | undefined {
    return this.#feeds.get(id)?.listeners.size
  }

  /** The container's latest figures, if its stream is open and has produced one. */
  latest(id: string): StatsSampleDto | undefined {
    return this.#feeds.get(id)?.latest
  }

  /**
   * Starts receiving a running container's samples (by full id); a viewer joining an open stream
   * gets its latest sample at once. Returns the function that stops listening.
   * @throws ApiError 429 when the host's stream cap is reached.
   */
  subscribe(id: string, listener: StatsListener): () => void {
    if (this.#stopped) throw new ApiError(404, 'not_found', 'The host was removed')
    const feed = this.#feeds.get(id) ?? this.#open(id)
    clearTimeout(feed.linger)
    feed.linger = undefined
    feed.listeners.add(listener)
    const latest = feed.latest
    if (latest) {
      queueMicrotask(() => {
        if (feed.listeners.has(listener)) notify(listener, { kind: 'sample', sample: latest })
      })
    }
    return () => {
      if (!feed.listeners.delete(listener) || feed.listeners.size > 0) return
      if (this.#feeds.get(id) !== feed) return
      feed.linger = setTimeout(() => {
        if (feed.listeners.size === 0) this.#close(feed)
      }, this.lingerMs)
      feed.linger.unref()
    }
  }

  /** Closes every stream (the host was removed or the server stops); listeners are told. */
  stop(): void {
    this.#stopped = true
    this.#stopListening()
    for (const feed of [...this.#feeds.values()]) {
      this.#end(feed, new ApiError(404, 'not_found', 'The host was removed'))
    }
    this.#engine.close()
  }

  #open(id: string): Feed {
    if (this.#feeds.size >= this.#maxStreams) {
      const idle = this.#idleFeed()
      if (!idle) {
        throw new ApiError(
          429,
          'rate_limited',
          `Stats are already streamed for ${this.#maxStreams} containers of this host`,
        )
      }
      this.#close(idle)
    }
    const feed: Feed = { id, listeners: new Set(), controller: new AbortController() }
    this.#feeds.set(id, feed)
    this.#opened++
    void this.#pump(feed)
    return feed
  }

  async #pump(feed: Feed): Promise<void> {
    const signal = feed.controller.signal
    let error: unknown
    try {
      const samples = await this.#engine.stats.stream(feed.id, { signal })
      for await (const sample of samples) {
        // A stopped container's stream sends zeroed samples with no read time (docs/engine.md#stats).
        if (sample.read === undefined) {
          error = notRunning(feed.id)
          break
        }
        const previous = feed.previous ?? sample.previousCpu
        feed.previous = sample.cpu
        // The first sample of a Docker stream has no previous counters: nothing to compare.
        if (!previous) continue
        const dto = toStatsDto(sample, cpuPercent(sample.cpu, previous), feed.id)
        feed.latest = dto
        for (const listener of [...feed.listeners])
          notify(listener, { kind: 'sample', sample: dto })
      }
      error ??= await this.#whyEnded(feed.id, signal)
    } catch (err) {
      error = err
    }
    if (signal.aborted) return
    this.#end(feed, error)
  }

  /** The engine ended a stream by itself: find out whether the container stopped or went away. */
  async #whyEnded(id: string, signal: AbortSignal): Promise<unknown> {
    if (signal.aborted) return undefined
    try {
      const details = await this.#engine.containers.inspect(id, {
        signal,
        timeoutMs: WHY_ENDED_TIMEOUT_MS,
      })
      if (!details.state.running) return notRunning(id)
      return new ApiError(502, 'engine_error', 'The engine ended the stats stream')
    } catch (err) {
      return err instanceof EngineNotFoundError ? gone(id) : err
    }
  }

  #onHostEvent(message: HostEventMessage): void {
    if (message.kind !== 'event' || message.event.type !== 'container') return
    const feed = this.#feeds.get(message.event.actorId)
    if (!feed) return
    // Faster than waiting for the engine's zeroed sample or the end of the stream.
    if (message.event.action === 'die') this.#end(feed, notRunning(feed.id))
    else if (message.event.action === 'destroy') this.#end(feed, gone(feed.id))
  }

  #idleFeed(): Feed | undefined {
    for (const feed of this.#feeds.values()) if (feed.listeners.size === 0) return feed
    return undefined
  }

  /** Nobody watches any more: abort the engine request. */
  #close(feed: Feed): void {
    clearTimeout(feed.linger)
    feed.controller.abort()
    if (this.#feeds.get(feed.id) === feed) this.#feeds.delete(feed.id)
  }

  /** The stream cannot go on: close it and tell its listeners why. */
  #end(feed: Feed, error: unknown): void {
    if (this.#feeds.get(feed.id) !== feed) return
    this.#close(feed)
    if (!(error instanceof ApiError)) this.#logger.warn({ err: error }, 'stats stream failed')
    const listeners = [...feed.listeners]
    feed.listeners.clear()
    for (const listener of listeners) notify(listener, { kind: 'ended', error })
  }
}

function notify(listener: StatsListener, update: StatsUpdate): void {
  try {
    listener(update)
  } catch {
    // A listener's failure (a socket closing under it) must not stop the others.
  }
}

function notRunning(id: string): ApiError {
  return new ApiError(409, 'conflict', `Container ${id.slice(0, 12)} is not running`)
}

function gone(id: string): ApiError {
  return new ApiError(404, 'not_found', `No such container: ${id.slice(0, 12)}`)
}
