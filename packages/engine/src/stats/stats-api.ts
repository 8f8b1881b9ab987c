import type { CallOptions, EngineClient } from '../engine-client.ts'
import { isPodman } from '../podman/podman-shapes.ts'
import { readJsonLines } from '../streams/json-lines.ts'
import { type StatsSample, toStatsSample } from './stats-sample.ts'

/** Container resource usage (docs/engine.md#stats). */
export class StatsApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /**
   * Streams one sample a second (every 5 s on Podman) until the signal aborts or the consumer
   * stops iterating, which ends the engine request. The first sample has no `previousCpu`, and
   * on Podman no sample has one: its first `precpu` is the same reading taken 3 ms earlier (a
   * 0 % that means nothing), so CPU % comes from two streamed samples (docs/engine.md#podman).
   */
  async stream(id: string, options: CallOptions = {}): Promise<AsyncGenerator<StatsSample>> {
    const podman = await isPodman(this.#client, options)
    const body = await this.#client.stream(
      {
        method: 'GET',
        path: `/containers/${encodeURIComponent(id)}/stats`,
        query: { stream: true },
      },
      options,
    )
    return (async function* samples() {
      try {
        for await (const line of readJsonLines(body)) {
          const sample = toStatsSample(line)
          if (podman) delete sample.previousCpu
          yield sample
        }
      } finally {
        body.destroy()
      }
    })()
  }

  /**
   * One sample with `previousCpu` filled (the engine waits about a second for it), so CPU % can
   * be computed from it alone. `one-shot` is not used: it cannot give CPU %.
   */
  async once(id: string, options: CallOptions = {}): Promise<StatsSample> {
    const wire = await this.#client.json<unknown>(
      {
        method: 'GET',
        path: `/containers/${encodeURIComponent(id)}/stats`,
        query: { stream: false },
      },
      options,
    )
    return toStatsSample(wire)
  }

  /**
   * One sample read at once (`one-shot`, API 1.41+): the engine reads the cgroup and answers,
   * without waiting a second for a second sample, so `previousCpu` is empty and CPU % is the
   * difference of two snapshots taken some time apart (the right average over that time). An
   * engine older than 1.41 ignores the flag and answers as `once` does.
   */
  async snapshot(id: string, options: CallOptions = {}): Promise<StatsSample> {
    const wire = await this.#client.json<unknown>(
      {
        method: 'GET',
        path: `/containers/${encodeURIComponent(id)}/stats`,
        query: { stream: false, 'one-shot': true },
      },
      options,
    )
    return toStatsSample(wire)
  }
}
