import { apiAtLeast } from '../api-version.ts'
import { FEATURE_SINCE } from '../capabilities.ts'
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
    const client = this.#client
    const opened = client.connect(options).then(({ apiVersion }) => {
      // Before 1.22 the engine cannot filter by type: ask for everything, keep the types here.
      const typed = apiAtLeast(apiVersion, FEATURE_SINCE.typedEvents)
      const { type: types, ...others } = options.filters ?? {}
      const filters = typed || types === undefined ? options.filters : others
      const response = client.stream(
        {
          method: 'GET',
          path: '/events',
          query: { since: options.since, until: options.until, filters },
        },
        options,
      )
      const wanted = typed || types === undefined ? undefined : new Set(types)
      return { response, apiVersion, wanted }
    })
    // Rejections are handled by the generator; this only keeps an unread one from crashing.
    opened.then(({ response }) => response).catch(() => undefined)
    return (async function* events() {
      const { response, apiVersion, wanted } = await opened
      const body = await response
      try {
        for await (const line of readLines(body)) {
          const event = parseEventLine(line, apiVersion)
          if (wanted === undefined || wanted.has(event.type)) yield event
        }
      } finally {
        body.destroy()
      }
    })()
  }
}
