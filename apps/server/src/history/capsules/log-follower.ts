import type { LogLine } from '@harbormaster/contract'
import type { Engine, StdioFrame } from '@harbormaster/engine'
import type { Logger } from 'pino'
import { LineSplitter } from '../../logs/index.ts'
import type { LogRings } from './log-rings.ts'
import { type LogLimits, fitLine, weightOf } from './log-window.ts'

/**
 * Follows one running container's log into its ring (log retention): one engine log stream,
 * opened at the container's `start` with the last lines so far (the ring starts over), ended by
 * the engine when the container stops, or by `stop()`. It keeps in memory only the weights of
 * the lines the ring holds, to tell the ring where it now starts.
 */
export class LogFollower {
  readonly containerId: string
  readonly name: string
  /** Settles when the stream has ended (the container stopped, or stop() was called). */
  readonly ended: Promise<void>
  readonly #hostId: string
  readonly #rings: LogRings
  readonly #limits: LogLimits
  readonly #abort = new AbortController()
  readonly #seqs: number[] = []
  readonly #weights: number[] = []
  #head = 0
  #bytes = 0
  #seq = 0
  #done = false

  constructor(
    parts: { engine: Engine; rings: LogRings; limits: LogLimits; logger: Logger; hostId: string },
    container: { id: string; name: string },
  ) {
    this.containerId = container.id
    this.name = container.name
    this.#hostId = parts.hostId
    this.#rings = parts.rings
    this.#limits = parts.limits
    parts.rings.clear(parts.hostId, container.id)
    this.ended = this.#run(parts.engine, parts.logger)
  }

  /** The stream has ended (the container stopped, the engine broke it, or stop()). */
  get done(): boolean {
    return this.#done
  }

  get stopped(): boolean {
    return this.#abort.signal.aborted
  }

  stop(): void {
    this.#abort.abort()
  }

  /** Waits for the stream's end, `ms` at most (the engine ends it moments after the exit). */
  async endedWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      this.ended,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms)
      }),
    ])
    clearTimeout(timer)
  }

  async #run(engine: Engine, logger: Logger): Promise<void> {
    const signal = this.#abort.signal
    try {
      const frames = await engine.containerStreams.logs(this.containerId, {
        follow: true,
        tail: this.#limits.lines,
        signal,
      })
      const splitter = new LineSplitter((line) => {
        this.#add(line)
      })
      for await (const frame of frames as AsyncIterable<StdioFrame>) {
        splitter.write(frame.stream, frame.data)
      }
      splitter.end()
    } catch (err) {
      if (!signal.aborted) logger.debug({ err, container: this.containerId }, 'log follow ended')
    } finally {
      this.#done = true
    }
  }

  #add(raw: LogLine): void {
    if (this.stopped) return
    const line = fitLine(raw, this.#limits.bytes)
    const seq = ++this.#seq
    const weight = weightOf(line)
    this.#seqs.push(seq)
    this.#weights.push(weight)
    this.#bytes += weight
    while (
      this.#seqs.length - this.#head > this.#limits.lines ||
      this.#bytes > this.#limits.bytes
    ) {
      this.#bytes -= this.#weights[this.#head] ?? 0
      this.#head += 1
    }
    if (this.#head > 1024 && this.#head * 2 > this.#seqs.length) {
      this.#seqs.splice(0, this.#head)
      this.#weights.splice(0, this.#head)
      this.#head = 0
    }
    this.#rings.add(this.#hostId, this.containerId, seq, line, this.#seqs[this.#head] ?? seq)
  }
}
