import type { Readable } from 'node:stream'
import { LIVE_CLOSE, type StackLogLine, type StackLogsServerMessage } from '@harbormaster/contract'
import type { Engine, LogOptions, StdioFrame } from '@harbormaster/engine'
import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import { LineBatcher, LineSplitter, QUIET_MS } from '../logs/index.ts'
import { ApiError } from '../platform/errors.ts'
import { closeWithError } from '../platform/live-route.ts'
import { HIGH_WATER_BYTES } from '../platform/ws-bridge.ts'

/** One container whose log is merged in: what to read, and the prefix of its lines. */
export interface StackLogSource {
  containerId: string
  tty: boolean
  service: string
  number: number
}

export interface StackLogsRequest {
  sources: StackLogSource[]
  options: LogOptions
}

/**
 * Streams the logs of a stack's containers to one browser, merged in the order lines arrive
 * (as `docker compose logs` does), each tagged with its service and container number, batched
 * like a container's log (logs/). `end` and 1000 once every log has ended.
 *
 * Backpressure as for one container: every engine stream is paused while the socket holds
 * HIGH_WATER_BYTES and resumed below half, so a slow browser costs what one container's session
 * costs plus a held partial line per stream per container. The first failing log closes the
 * socket with its error; a browser that leaves aborts every engine request.
 */
export function runStackLogSession(
  engine: Engine,
  request: StackLogsRequest,
  browser: WebSocket,
  logger: Logger,
): void {
  const leaving = new AbortController()
  const frames: Readable[] = []
  const splitters: LineSplitter[] = []
  const send = (message: StackLogsServerMessage) => {
    if (browser.readyState !== WebSocket.OPEN) return
    browser.send(JSON.stringify(message), () => {
      if (browser.bufferedAmount < HIGH_WATER_BYTES / 2) for (const f of frames) f.resume()
    })
    if (browser.bufferedAmount >= HIGH_WATER_BYTES) for (const f of frames) f.pause()
  }
  const batcher = new LineBatcher<StackLogLine>((lines) => {
    send({ type: 'lines', lines })
  })
  let open = request.sources.length
  const ended = () => {
    if (--open > 0) return
    batcher.flush()
    send({ type: 'end' })
    if (browser.readyState === WebSocket.OPEN) browser.close(LIVE_CLOSE.ended, 'log ended')
  }
  browser.once('close', () => {
    leaving.abort(new Error('The browser went away'))
    for (const f of frames) f.destroy()
    for (const splitter of splitters) splitter.dispose()
    batcher.dispose()
  })
  browser.on('message', () => {
    closeWithError(browser, new ApiError(400, 'invalid_request', 'The logs stream takes no input'))
  })
  if (open === 0) {
    open = 1
    ended()
    return
  }
  for (const source of request.sources) {
    const splitter = new LineSplitter(
      (line) => {
        batcher.add({ ...line, service: source.service, number: source.number })
      },
      { quietMs: QUIET_MS },
    )
    splitters.push(splitter)
    engine.containerStreams
      .logs(source.containerId, { ...request.options, tty: source.tty, signal: leaving.signal })
      .then(
        (stream) => {
          if (leaving.signal.aborted) {
            stream.destroy()
            return
          }
          frames.push(stream)
          if (browser.bufferedAmount >= HIGH_WATER_BYTES) stream.pause()
          stream.on('data', (frame: StdioFrame) => {
            splitter.write(frame.stream, frame.data)
          })
          stream.once('end', () => {
            splitter.end()
            ended()
          })
          stream.once('error', (err) => {
            fail(err)
          })
        },
        (err: unknown) => {
          fail(err)
        },
      )
  }

  function fail(err: unknown) {
    if (leaving.signal.aborted) return
    batcher.flush()
    closeWithError(browser, err, logger)
  }
}
