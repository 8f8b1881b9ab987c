import type { WebSocket } from 'ws'
import type { Session } from './clients.ts'
import { closeSockets } from './clients.ts'

/** The web app's coalescing of events before it refetches (apps/web/src/events/use-host-events.ts). */
const COALESCE_MS = 200

interface EventMessage {
  type: string
  event?: { type: string }
}

/**
 * What a browser on the containers view asks of the server, without a browser: the hosts list
 * and the containers list on load, the host's events socket, and a refetch of the containers
 * list 200 ms after container or network events (coalesced), as the web app's query
 * invalidation does. Bodies are read and dropped: the server's and the engine's costs are what
 * is measured, not the client's.
 */
export class SimBrowser {
  readonly #session: Session
  #ws: WebSocket | undefined
  #timer: NodeJS.Timeout | undefined
  #inFlight: Promise<unknown> | undefined
  #again = false
  #closed = false
  refetches = 0
  events = 0

  constructor(session: Session) {
    this.#session = session
  }

  async open(): Promise<void> {
    await this.#session.expect(200, 'GET', '/api/hosts')
    await this.#session.expect(200, 'GET', '/api/hosts/local/containers?all=true')
    const ws = await this.#session.openSocket('/api/hosts/local/events')
    this.#ws = ws
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as EventMessage
      if (message.type !== 'event') return
      this.events++
      if (message.event?.type === 'container' || message.event?.type === 'network') this.#schedule()
    })
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined
      this.#refetch()
    }, COALESCE_MS)
  }

  #refetch(): void {
    if (this.#closed) return
    if (this.#inFlight) {
      this.#again = true
      return
    }
    this.refetches++
    this.#inFlight = this.#session
      .get('/api/hosts/local/containers?all=true')
      .catch(() => undefined)
      .finally(() => {
        this.#inFlight = undefined
        if (this.#again) {
          this.#again = false
          this.#refetch()
        }
      })
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    if (this.#ws) await closeSockets([this.#ws])
    await this.#inFlight
  }
}
