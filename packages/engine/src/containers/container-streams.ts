import type { Readable } from 'node:stream'
import type { CallOptions, EngineClient } from '../engine-client.ts'
import { type HijackedStream, toFrames } from '../streams/hijacked-stream.ts'
import { enc } from './containers-api.ts'

export interface LogOptions extends CallOptions {
  follow?: boolean
  /** Lines from the end, counting stdout and stderr together; default all. */
  tail?: number | 'all'
  /** Unix seconds (fractions allowed) or an RFC 3339 time. */
  since?: number | string
  until?: number | string
  timestamps?: boolean
  stdout?: boolean
  stderr?: boolean
  /**
   * Whether the container has a TTY; looked up with an inspect when not given. A promise lets
   * the caller learn it while the log request is already on its way: an auto-removing
   * container's log is refused (409, "marked for removal") moments after its `die`, and an
   * inspect first loses that race every time (history/capsules/ reads it so).
   */
  tty?: boolean | Promise<boolean>
}

export interface AttachOptions extends CallOptions {
  stdin?: boolean
  /** Replay the output so far before the live stream. */
  logs?: boolean
  detachKeys?: string
  tty?: boolean
}

const ignore = () => undefined

/** Logs and attach: the container streams that carry stdio (docs/engine.md#stdio-streams). */
export class ContainerStreams {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /**
   * Opens the container's log as a stream of StdioFrame objects. The decoder is chosen by the
   * container's TTY flag, never by Content-Type, which engines before 1.42 do not set. Destroy
   * the stream (or abort the signal) to end the engine request.
   */
  async logs(id: string, options: LogOptions = {}): Promise<Readable> {
    const known = options.tty ?? (await this.#hasTty(id, options))
    const answer = this.#client.stream(
      {
        method: 'GET',
        path: `/containers/${enc(id)}/logs`,
        query: {
          follow: options.follow,
          tail: options.tail === undefined ? undefined : String(options.tail),
          since: options.since,
          until: options.until,
          timestamps: options.timestamps,
          stdout: options.stdout ?? true,
          stderr: options.stderr ?? true,
        },
      },
      options,
    )
    // Handled here too: it may fail while the TTY flag is still awaited.
    answer.catch(ignore)
    let tty: boolean
    try {
      tty = await known
    } catch (err) {
      void answer.then((body) => body.destroy(), ignore)
      throw err
    }
    const body = await answer
    const frames = toFrames(body, tty)
    frames.once('close', () => body.destroy())
    return frames
  }

  /** Attaches to the main process over a hijacked connection (docs/engine.md#hijacked-connections). */
  async attach(id: string, options: AttachOptions = {}): Promise<HijackedStream> {
    const tty = options.tty ?? (await this.#hasTty(id, options))
    const socket = await this.#client.hijack(
      {
        method: 'POST',
        path: `/containers/${enc(id)}/attach`,
        query: {
          stream: true,
          stdin: options.stdin ?? false,
          stdout: true,
          stderr: true,
          logs: options.logs,
          detachKeys: options.detachKeys,
        },
      },
      options,
    )
    return { socket, tty }
  }

  async #hasTty(id: string, options: CallOptions): Promise<boolean> {
    const { signal } = options
    const inspect = await this.#client.json<{ Config?: { Tty?: unknown } }>(
      { method: 'GET', path: `/containers/${enc(id)}/json` },
      signal ? { signal } : {},
    )
    return inspect.Config?.Tty === true
  }
}
