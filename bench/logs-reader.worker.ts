/**
 * Reads a container's log for a fixed window, in a worker thread so that the reading client
 * does not compete with the in-process server for the main thread (a browser would run on
 * another machine). `api`: the server's logs WebSocket; `direct`: the engine's log stream through
 * packages/engine (its StdioDemuxer). Posts `{ lines, bytes, seconds }`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type StdioFrame, createEngine } from '@harbormaster/engine'
import { WebSocket } from 'ws'

export interface LogsReaderInput {
  mode: 'api' | 'direct'
  windowMs: number
  /** api: ws:// URL and the session's headers. */
  wsUrl?: string
  headers?: Record<string, string>
  /** direct: the engine and the container. */
  dockerHost?: string
  containerId?: string
}

export interface LogsReaderResult {
  lines: number
  bytes: number
  seconds: number
}

interface LinesMessage {
  type: string
  lines?: { text: string; partial?: true }[]
}

const input = workerData as LogsReaderInput

function finish(result: LogsReaderResult): void {
  parentPort?.postMessage(result)
}

/** Counts from the first byte received until the window has passed. */
class Meter {
  lines = 0
  bytes = 0
  #start = 0
  readonly #done: () => void

  constructor(done: () => void) {
    this.#done = done
  }

  add(lines: number, bytes: number): void {
    if (this.#start === 0) {
      this.#start = performance.now()
      setTimeout(this.#done, input.windowMs)
      return // the first delivery may hold a backlog: start counting after it
    }
    this.lines += lines
    this.bytes += bytes
  }

  get seconds(): number {
    return (performance.now() - this.#start) / 1000
  }
}

if (input.mode === 'api') {
  const ws = new WebSocket(input.wsUrl ?? '', { headers: input.headers, perMessageDeflate: false })
  const meter = new Meter(() => {
    const result = { lines: meter.lines, bytes: meter.bytes, seconds: meter.seconds }
    ws.terminate()
    finish(result)
  })
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return
    const message = JSON.parse(data.toString('utf8')) as LinesMessage
    if (message.type !== 'lines' || !message.lines) return
    let bytes = 0
    let lines = 0
    for (const line of message.lines) {
      bytes += line.text.length
      if (line.partial !== true) {
        lines++
        bytes++
      }
    }
    meter.add(lines, bytes)
  })
  ws.on('error', (err) => {
    throw err
  })
} else {
  const engine = createEngine({ host: input.dockerHost ?? '' })
  const frames = await engine.containerStreams.logs(input.containerId ?? '', {
    follow: true,
    tail: 0,
    stdout: true,
    stderr: false,
    tty: false,
  })
  const meter = new Meter(() => {
    const result = { lines: meter.lines, bytes: meter.bytes, seconds: meter.seconds }
    frames.destroy()
    engine.close()
    finish(result)
  })
  frames.on('data', (frame: StdioFrame) => {
    let lines = 0
    for (let at = frame.data.indexOf(10); at >= 0; at = frame.data.indexOf(10, at + 1)) lines++
    meter.add(lines, frame.data.length)
  })
  frames.on('error', () => undefined)
}
