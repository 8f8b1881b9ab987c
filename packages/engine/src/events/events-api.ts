import type { CallOptions, EngineClient } from '../engine-client.ts'
import type { Filters } from '../query.ts'
import { readLines } from '../streams/json-lines.ts'
import { type EngineEvent, parseEventLine } from './engine-event.ts'

export interface EventsOptions extends CallOptions {
  /** Unix seconds, or `seconds.nanoseconds` (inclusive: the event at exactly `since` comes again). */
  since?: string | number
  until?: string | number
  filters?: Filters
}

/** The engine's event stream (docs/engine.md#events). */
export class EventsApi {
  readonly #client: EngineClient

  constructor(client: EngineClient) {
    this.#client = client
  }

  /**
   * Subscribes to events. The request is sent at once, but without `until` the engine sends no
   * headers until the first event (docs/engine.md#events), so this returns immediately and connection
   * errors surface from the first `next()`. To be sure not to miss an event caused right after
   * subscribing, pass `since` (the engine replays from its buffer). Stop by aborting the signal
   * or leaving the loop; either ends the engine request.
   */
  subscribe(options: EventsOptions = {}): AsyncGenerator<EngineEvent> {
    const response = this.#client.stream(
      {
        method: 'GET',
        path: '/events',
        query: { since: options.since, until: options.until, filters: options.filters },
      },
      options,
    )
    // Rejections are handled by the generator; this only keeps an unread one from crashing.
    response.catch(() => undefined)
    return (async function* events() {
      const body = await response
      try {
        for await (const line of readLines(body)) yield parseEventLine(line)
      } finally {
        body.destroy()
      }
    })()
  }
}
