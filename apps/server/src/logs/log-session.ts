import type { Readable } from 'node:stream'
import type { Engine, LogOptions, StdioFrame } from '@harbormaster/engine'
import { LIVE_CLOSE, type LogsServerMessage } from '@harbormaster/contract'
import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import { ApiError } from '../platform/errors.ts'
import { closeWithError } from '../platform/live-route.ts'
import { BrowserSender } from './browser-sender.ts'
import { LineBatcher } from './line-batcher.ts'
import { LineSplitter, QUIET_MS } from './log-lines.ts'

/** What the route resolved before the upgrade: the container and the engine's log options. */
export interface LogsRequest {
  containerId: string
  tty: boolean
  options: LogOptions
}

/**
 * Streams one container's log to one browser as batched `lines` messages, then `end` and 1000
 * when the log ends (not following, or the container stopped).
 *
 * Memory bound for a browser that stops reading (BrowserSender): the engine stream is paused as
 * soon as the socket's `bufferedAmount` reaches HIGH_WATER_BYTES (1 MiB) and resumed below half
 * of it; nothing is dropped. What
 * one session then holds is at most: 1 MiB queued towards the browser, plus the message that
 * crossed the mark and the batch in the making (each ≤ 32 KiB + one line of ≤ 64 Ki characters),
 * plus a held partial line per stream (≤ 64 Ki characters each), plus what sits in the engine
 * stream's buffers (16 frames, ≤ 16 KiB each as the log drivers cut lines there, ≤ 64 KiB socket
 * reads with a TTY; and one 64 KiB read buffer): about 2.5 MiB per socket in the worst case,
 * whatever the container writes. The kernel's socket buffers hold more, outside the process
 * and bounded by the kernel; the engine absorbs the rest (it stops reading the log file). A
 * browser that stops reading altogether also misses the heartbeat's pong and is cut off within
 * a minute. logs.test.ts measures it with a container writing as fast as it can.
 */
export function runLogSession(
  engine: Engine,
  request: LogsRequest,
  browser: WebSocket,
  logger: Logger,
): void {
  // Returns at once, listeners attached, so the browser's socket is read again (upgradeLive holds
  // it until then) and a browser that leaves before the engine answers (some engines hold their
  // headers until the first line) aborts the request instead of leaving it to stream into nothing.
  const leaving = new AbortController()
  browser.once('close', () => {
    leaving.abort(new Error('The browser went away'))
  })
  browser.on('message', () => {
    closeWithError(browser, new ApiError(400, 'invalid_request', 'The logs stream takes no input'))
  })
  engine.containerStreams
    .logs(request.containerId, { ...request.options, tty: request.tty, signal: leaving.signal })
    .then(
      (frames) => {
        if (leaving.signal.aborted) frames.destroy()
        else relayLines(frames, browser, logger)
      },
      (err: unknown) => {
        if (!leaving.signal.aborted) closeWithError(browser, err, logger)
      },
    )
}

/** Engine frames → lines → batches → the browser, with backpressure; ties both lifetimes. */
function relayLines(frames: Readable, browser: WebSocket, logger: Logger): void {
  const sender = new BrowserSender<LogsServerMessage>(browser)
  sender.add(frames)
  const batcher = new LineBatcher((lines) => {
    sender.send({ type: 'lines', lines })
  })
  const splitter = new LineSplitter(
    (line) => {
      batcher.add(line)
    },
    { quietMs: QUIET_MS },
  )
  browser.once('close', () => {
    sender.destroy()
    splitter.dispose()
    batcher.dispose()
  })
  frames.on('data', (frame: StdioFrame) => {
    splitter.write(frame.stream, frame.data)
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
