import type { Readable } from 'node:stream'
import { LIVE_CLOSE, type StackLogLine, type StackLogsServerMessage } from '@harbormaster/contract'
import {
  type Container,
  type Engine,
  EngineNotFoundError,
  type LogOptions,
  type StdioFrame,
} from '@harbormaster/engine'
import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import type { HostEvents } from '../../events/index.ts'
import { BrowserSender, LineBatcher, LineSplitter, QUIET_MS } from '../../logs/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { closeWithError } from '../../platform/live-route.ts'
import { type HostGrant, inScope } from '../../policy/index.ts'
import { COMPOSE, containerNumber, serviceOf } from '../compose-labels.ts'

/** One container whose log is merged in: what to read, and the prefix of its lines. */
export interface StackLogSource {
  containerId: string
  tty: boolean
  service: string
  number: number
}

/** What a following log watches for containers that start after it was opened. */
export interface StackLogFollow {
  events: HostEvents
  project: string
  /** Only this service's containers join. */
  service?: string
  grant: HostGrant
  /** Logs merged at once at most; a container past it is left out (and logged). */
  maxSources: number
}

export interface StackLogsRequest {
  sources: StackLogSource[]
  options: LogOptions
  /** Set when following: containers of the stack started later join the stream. */
  follow?: StackLogFollow
}

const STILL_COMING: readonly Container['state'][] = ['created', 'running', 'restarting']
/** Events after which a log with nothing to read looks again whether the stack is over. */
const SETTLING_ACTIONS = new Set(['die', 'stop', 'destroy'])
/** How soon a stack log whose containers have all ended looks again at what the engine lists. */
const LOOK_AGAIN_MS = 1000

/**
 * Streams the logs of a stack's containers to one browser, merged in the order lines arrive
 * (as `docker compose logs` does), each tagged with its service and container number, batched
 * like a container's log (logs/).
 *
 * Following, the stream follows the stack rather than the containers there were: a container
 * of the stack (of the service asked for, in the caller's scope) that starts later — a scale
 * up, a redeploy's new container, a restart — joins from its start, told by the host's events
 * hub (the one the container list is kept by, no polling); a container's log ends when it stops
 * or is removed. `end` and 1000 once every log has ended and the engine lists no container of
 * the stack still to start (so a redeploy, which creates the new container before it stops the
 * old, goes on); not following, once every log has ended.
 *
 * Backpressure as for one container (BrowserSender): every engine stream is paused while the
 * socket holds HIGH_WATER_BYTES and resumed below half, nothing dropped. The first failing log
 * closes the socket with its error; a browser that leaves aborts every engine request.
 */
export function runStackLogSession(
  engine: Engine,
  request: StackLogsRequest,
  browser: WebSocket,
  logger: Logger,
): void {
  new MergedLog(engine, request, browser, logger).start()
}

class MergedLog {
  readonly #engine: Engine
  readonly #request: StackLogsRequest
  readonly #browser: WebSocket
  readonly #logger: Logger
  readonly #leaving = new AbortController()
  readonly #sender: BrowserSender<StackLogsServerMessage>
  readonly #batcher: LineBatcher<StackLogLine>
  /** Containers whose log is being read (or about to be), by id. */
  readonly #live = new Map<string, LineSplitter | undefined>()
  /** Containers whose log was read at some point: a list finds only the others new. */
  readonly #seen = new Set<string>()
  /** Live containers that started again: read again once their current log ends. */
  readonly #restarted = new Set<string>()
  #stopListening: () => void = () => undefined
  #settling = false
  #settleAgain = false
  #lookAgain: NodeJS.Timeout | undefined

  constructor(engine: Engine, request: StackLogsRequest, browser: WebSocket, logger: Logger) {
    this.#engine = engine
    this.#request = request
    this.#browser = browser
    this.#logger = logger
    this.#sender = new BrowserSender(browser)
    this.#batcher = new LineBatcher((lines) => {
      this.#sender.send({ type: 'lines', lines })
    })
  }

  start(): void {
    this.#browser.once('close', () => {
      this.#leaving.abort(new Error('The browser went away'))
      clearTimeout(this.#lookAgain)
      this.#stopListening()
      this.#sender.destroy()
      for (const splitter of this.#live.values()) splitter?.dispose()
      this.#batcher.dispose()
    })
    this.#browser.on('message', () => {
      const misuse = new ApiError(400, 'invalid_request', 'The logs stream takes no input')
      closeWithError(this.#browser, misuse)
    })
    const follow = this.#request.follow
    if (follow) {
      this.#stopListening = follow.events.listen((message) => {
        if (message.kind !== 'event') return
        const { event } = message
        if (event.type !== 'container') return
        if (event.attributes[COMPOSE.project] !== follow.project) return
        if (event.action === 'start') {
          // Started again before its log's end reached us (a restart): joined once that ends.
          if (this.#live.has(event.actorId)) this.#restarted.add(event.actorId)
          else this.#join(event.actorId)
        } else if (SETTLING_ACTIONS.has(event.action) && this.#live.size === 0) {
          this.#settle()
        }
      })
    }
    for (const source of this.#request.sources) this.#read(source, this.#request.options)
    if (this.#request.sources.length === 0) this.#settle()
  }

  /** Reads one container's log into the merged stream. */
  #read(source: StackLogSource, options: LogOptions): void {
    const splitter = new LineSplitter(
      (line) => {
        this.#batcher.add({ ...line, service: source.service, number: source.number })
      },
      { quietMs: QUIET_MS },
    )
    this.#live.set(source.containerId, splitter)
    this.#seen.add(source.containerId)
    const signal = this.#leaving.signal
    this.#engine.containerStreams
      .logs(source.containerId, { ...options, tty: source.tty, signal })
      .then(
        (stream) => {
          if (signal.aborted) {
            stream.destroy()
            return
          }
          this.#relay(source.containerId, stream, splitter)
        },
        (err: unknown) => {
          // Removed between its start and now: it has no log to give.
          if (err instanceof EngineNotFoundError) this.#ended(source.containerId)
          else this.#fail(err)
        },
      )
  }

  #relay(id: string, stream: Readable, splitter: LineSplitter): void {
    this.#sender.add(stream)
    stream.on('data', (frame: StdioFrame) => {
      splitter.write(frame.stream, frame.data)
    })
    stream.once('end', () => {
      this.#sender.remove(stream)
      splitter.end()
      this.#ended(id)
    })
    stream.once('error', (err) => {
      this.#fail(err)
    })
  }

  /**
   * A container that started since the socket opened: read from its start, if it is one of
   * the stack's containers this log shows. Inspected, so the labels are the container's own.
   */
  #join(id: string): void {
    const follow = this.#request.follow
    if (!follow || this.#leaving.signal.aborted) return
    if (this.#live.size >= follow.maxSources) {
      this.#logger.warn({ project: follow.project, id }, 'stack log: too many containers to join')
      return
    }
    this.#live.set(id, undefined)
    this.#engine.containers.inspect(id, { signal: this.#leaving.signal }).then(
      (details) => {
        const labels = details.config.labels
        const service = labels[COMPOSE.service] ?? ''
        const shown =
          labels[COMPOSE.project] === follow.project &&
          labels[COMPOSE.oneoff] !== 'True' &&
          (follow.service === undefined || follow.service === service) &&
          inScope(follow.grant, labels)
        if (!shown || this.#leaving.signal.aborted) {
          this.#ended(id)
          return
        }
        const number = containerNumber({ labels })
        const source = { containerId: id, tty: details.config.tty, service, number }
        // A container never read: its whole log (all of it is since the socket opened, or it
        // would have been read). Read before: from the end of its last run. Not its StartedAt,
        // which the engine sets once the process runs, after its first lines.
        const finishedAt = Date.parse(details.state.finishedAt ?? '')
        const from =
          this.#seen.has(id) && finishedAt > 0 ? { since: (finishedAt / 1000).toFixed(3) } : {}
        this.#read(source, { ...this.#request.options, tail: 'all', ...from })
      },
      (err: unknown) => {
        if (err instanceof EngineNotFoundError) this.#ended(id)
        else this.#fail(err)
      },
    )
  }

  #ended(id: string): void {
    this.#live.delete(id)
    if (this.#restarted.delete(id)) this.#join(id)
    else if (this.#live.size === 0) this.#settle()
  }

  /**
   * Every log has ended: the end, unless following and the engine lists containers of the
   * stack still to start (their start events join them), running ones never read (started
   * while the socket opened), or ones whose log ended a moment before the engine marks them
   * exited (their `die` event brings the next look).
   */
  #settle(): void {
    const follow = this.#request.follow
    if (!follow) {
      this.#end()
      return
    }
    if (this.#settling) {
      // A list in flight may predate what just happened: look once more after it.
      this.#settleAgain = true
      return
    }
    this.#settling = true
    const filters = { label: [`${COMPOSE.project}=${follow.project}`] }
    this.#engine.containers.list({ all: true, filters, signal: this.#leaving.signal }).then(
      (containers) => {
        this.#settling = false
        if (this.#live.size > 0 || this.#leaving.signal.aborted) return
        if (this.#settleAgain) {
          this.#settleAgain = false
          this.#settle()
          return
        }
        const coming = containers.filter(
          (c) =>
            STILL_COMING.includes(c.state) &&
            c.labels[COMPOSE.oneoff] !== 'True' &&
            (follow.service === undefined || serviceOf(c) === follow.service) &&
            inScope(follow.grant, c.labels),
        )
        if (coming.length === 0) {
          this.#end()
          return
        }
        const joining = coming.filter((c) => c.state !== 'created' && !this.#seen.has(c.id))
        for (const c of joining) this.#join(c.id)
        // Only containers whose log has ended but which the engine still lists as running: their
        // `die` may have reached us before their log's end, or the list predate it. Look again
        // shortly rather than wait for an event that has already gone by.
        if (joining.length === 0 && coming.some((c) => c.state !== 'created')) {
          clearTimeout(this.#lookAgain)
          this.#lookAgain = setTimeout(() => {
            if (this.#live.size === 0) this.#settle()
          }, LOOK_AGAIN_MS)
        }
      },
      (err: unknown) => {
        this.#settling = false
        this.#fail(err)
      },
    )
  }

  #end(): void {
    clearTimeout(this.#lookAgain)
    this.#stopListening()
    this.#batcher.flush()
    this.#sender.send({ type: 'end' })
    if (this.#browser.readyState === WebSocket.OPEN)
      this.#browser.close(LIVE_CLOSE.ended, 'log ended')
  }

  #fail(err: unknown): void {
    if (this.#leaving.signal.aborted) return
    this.#batcher.flush()
    closeWithError(this.#browser, err, this.#logger)
  }
}
