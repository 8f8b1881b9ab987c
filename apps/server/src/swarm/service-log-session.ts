import { pipeline, type Readable } from 'node:stream'
import {
  LIVE_CLOSE,
  type LogLine,
  type ServiceLogLiveLine,
  type ServiceLogsServerMessage,
} from '@harbormaster/contract'
import {
  type Engine,
  type ServiceLogOptions,
  StdioDemuxer,
  type StdioFrame,
} from '@harbormaster/engine'
import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import { BrowserSender, LineBatcher, LineSplitter, QUIET_MS } from '../logs/index.ts'
import { ApiError } from '../platform/errors.ts'
import { closeWithError } from '../platform/live-route.ts'
import { type LineOrigin, splitDetails } from './log-details.ts'

/** What the route resolved before the upgrade. */
export interface ServiceLogsRequest {
  serviceId: string
  /** The service's containers have a TTY: its log is raw bytes, not multiplexed frames. */
  tty: boolean
  options: Omit<ServiceLogOptions, 'details' | 'signal'>
}

const NO_ORIGIN: LineOrigin = { task: '', node: '' }

/**
 * Streams the merged logs of every task of a service to one browser: a single engine request
 * (`/services/{id}/logs`, `details=true`), which the managers merge from every node, so lines
 * of tasks on other nodes come with no connection of ours to those nodes. Each line carries its
 * task and node (from the engine's details), and the task's slot and node's host name, read
 * once at the start and again when a task not seen before speaks (an update's new task).
 *
 * The container logs' machinery does the rest: lines split per stream (LineSplitter), batched
 * (LineBatcher), sent with backpressure (BrowserSender pauses the engine stream while the
 * socket holds 1 MiB); a browser that leaves destroys the stream, which aborts the request.
 */
export function runServiceLogSession(
  engine: Engine,
  request: ServiceLogsRequest,
  browser: WebSocket,
  logger: Logger,
): void {
  const leaving = new AbortController()
  browser.once('close', () => {
    leaving.abort(new Error('The browser went away'))
  })
  browser.on('message', () => {
    closeWithError(browser, new ApiError(400, 'invalid_request', 'The logs stream takes no input'))
  })
  const names = new OriginNames(engine, request.serviceId, leaving.signal, logger)
  engine.swarm
    .serviceLogs(request.serviceId, { ...request.options, details: true, signal: leaving.signal })
    .then(
      (body) => {
        if (leaving.signal.aborted) body.destroy()
        else relay(framesOf(body, request.tty), request, names, browser, logger)
      },
      (err: unknown) => {
        if (!leaving.signal.aborted) closeWithError(browser, err, logger)
      },
    )
}

/** One readable of frames: demultiplexed, or a TTY's raw bytes as stdout. */
function framesOf(body: Readable, tty: boolean): Readable {
  if (tty) return body
  const demuxer = new StdioDemuxer()
  // Destroying the demuxer (the browser left) destroys the body too, which aborts the request.
  pipeline(body, demuxer, () => undefined)
  return demuxer
}

function relay(
  frames: Readable,
  request: ServiceLogsRequest,
  names: OriginNames,
  browser: WebSocket,
  logger: Logger,
): void {
  const sender = new BrowserSender<ServiceLogsServerMessage>(browser)
  sender.add(frames)
  const batcher = new LineBatcher<ServiceLogLiveLine>((lines) => {
    sender.send({ type: 'lines', lines })
  })
  // A line sent in pieces (partial) has the details before its first piece only.
  const continuing = new Map<LogLine['stream'], LineOrigin>()
  const timestamps = request.options.timestamps === true
  const splitter = new LineSplitter(
    (line) => {
      const held = continuing.get(line.stream)
      const { text, origin = NO_ORIGIN } = held
        ? { text: line.text, origin: held }
        : splitDetails(line.text, timestamps)
      if (line.partial) continuing.set(line.stream, origin)
      else continuing.delete(line.stream)
      batcher.add({ ...line, text, ...names.of(origin) })
    },
    { quietMs: QUIET_MS },
  )
  browser.once('close', () => {
    sender.destroy()
    splitter.dispose()
    batcher.dispose()
  })
  frames.on('data', (frame: StdioFrame | Buffer) => {
    if (Buffer.isBuffer(frame)) splitter.write('stdout', frame)
    else splitter.write(frame.stream, frame.data)
  })
  frames.once('end', () => {
    splitter.end()
    batcher.flush()
    sender.send({ type: 'end' })
    if (browser.readyState === WebSocket.OPEN) browser.close(LIVE_CLOSE.ended, 'log ended')
  })
  frames.once('error', (err) => {
    splitter.dispose()
    batcher.flush()
    closeWithError(browser, err, logger)
  })
}

/**
 * Slots of the service's tasks and host names of the nodes, for the lines' prefixes. Read at the
 * start and again (one read at a time) when a task not known yet speaks; until the read is back
 * its lines carry the ids only, never wait.
 */
class OriginNames {
  readonly #engine: Engine
  readonly #serviceId: string
  readonly #signal: AbortSignal
  readonly #logger: Logger
  readonly #slots = new Map<string, number | undefined>()
  readonly #hostnames = new Map<string, string>()
  /** Tasks a read was started for: each unknown task costs one read at most. */
  readonly #asked = new Set<string>()
  #reading: Promise<void> | undefined

  constructor(engine: Engine, serviceId: string, signal: AbortSignal, logger: Logger) {
    this.#engine = engine
    this.#serviceId = serviceId
    this.#signal = signal
    this.#logger = logger
    this.#read()
  }

  of(origin: LineOrigin): Pick<ServiceLogLiveLine, 'task' | 'node' | 'slot' | 'hostname'> {
    if (origin.task !== '' && !this.#slots.has(origin.task) && !this.#asked.has(origin.task)) {
      this.#asked.add(origin.task)
      this.#read()
    }
    const slot = this.#slots.get(origin.task)
    const hostname = this.#hostnames.get(origin.node)
    return {
      task: origin.task,
      node: origin.node,
      ...(slot === undefined ? {} : { slot }),
      ...(hostname === undefined ? {} : { hostname }),
    }
  }

  #read(): void {
    if (this.#reading) return
    const signal = this.#signal
    this.#reading = Promise.all([
      this.#engine.swarm.tasks({ filters: { service: [this.#serviceId] }, signal }),
      this.#engine.swarm.nodes({ signal }),
    ])
      .then(([tasks, nodes]) => {
        for (const task of tasks) this.#slots.set(task.id, task.slot)
        for (const node of nodes) this.#hostnames.set(node.id, node.hostname)
      })
      .catch((err: unknown) => {
        if (!signal.aborted) this.#logger.warn({ err }, 'service log: reading task names failed')
      })
      .finally(() => {
        this.#reading = undefined
      })
  }
}
