import { type EventsServerMessage, LIVE_CLOSE, hostParamsSchema } from '@harbormaster/contract'
import type { EngineEvent } from '@harbormaster/engine'
import { Hono } from 'hono'
import { WebSocket } from 'ws'
import type { AlertListener } from '../alerts/index.ts'
import type { AppEnv } from '../app-env.ts'
import { sendMessage, upgradeLive } from '../platform/live-route.ts'
import { validate } from '../platform/validate.ts'
import { pumpFromBrowser } from '../platform/ws-bridge.ts'
import { type HostGrant, inScope, requireHostAction } from '../policy/index.ts'
import type { HostEventMessage, HostEvents } from './events-hub.ts'
import { toLiveEvent } from './to-live-event.ts'

/**
 * Bytes queued towards one browser before it is cut off. Events cannot be dropped silently (a
 * view would stay stale), so a browser this far behind is closed with 1011: the web app
 * reconnects and refetches what it shows, which is exact again. A burst such as pruning a
 * thousand containers is about 0.5 MiB, well inside the bound.
 */
export const EVENTS_MAX_BUFFERED_BYTES = 2 * 1024 * 1024

/**
 * Mounted at `/api/hosts/:hostId/events`: every event of the host as `{type:'event'}`, from the
 * host's one shared engine subscription, and `{type:'host'}` when the engine goes away and comes
 * back (events in between are replayed by the subscription's `since` resume).
 */
export const eventRoutes = new Hono<AppEnv>().get(
  '/',
  requireHostAction('system.read'),
  validate('param', hostParamsSchema),
  (c) =>
    upgradeLive(c, (ws) => {
      relayEvents(c.var.host.events, c.var.grant, ws)
      relayAlerts(c.var.alerts, c.var.hostId, c.var.grant, ws)
    }),
)

/** Sends the host's events to one browser, in the caller's label scope, until either side ends. */
export function relayEvents(events: HostEvents, grant: HostGrant, ws: WebSocket): void {
  pumpFromBrowser(ws, undefined, () => {
    sendMessage(ws, {
      type: 'error',
      error: { code: 'invalid_request', message: 'This stream takes no messages' },
    })
  })
  const send = (message: EventsServerMessage) => {
    if (ws.readyState !== WebSocket.OPEN) return
    if (ws.bufferedAmount > EVENTS_MAX_BUFFERED_BYTES) {
      ws.close(LIVE_CLOSE.serverError, 'too far behind: reconnect and refetch')
      return
    }
    sendMessage(ws, message)
  }
  const stopListening = events.listen((message: HostEventMessage) => {
    if (message.kind === 'event') {
      if (visible(grant, message.event)) send({ type: 'event', event: toLiveEvent(message.event) })
    } else {
      send({ type: 'host', state: message.kind })
    }
  })
  ws.once('close', stopListening)
  if (!events.connected) send({ type: 'host', state: 'disconnected' })
}

/**
 * Whether a caller with a label scope may see an event. Container events carry the container's
 * labels as attributes, which is what scopes match. Images are readable host-wide by every role
 * (images/image-scope.ts), so their events are too. Network and volume events carry no labels:
 * a scoped caller does not get them (their lists are scoped by labels the events cannot show).
 */
function visible(grant: HostGrant, event: EngineEvent): boolean {
  return event.type === 'image' || inScope(grant, event.attributes)
}

/**
 * The host's alert notices (issue 19) on the same socket, as `{type:'alert'}`, to a caller who
 * may see their subject (the label scope, as for events): the bell counts them live.
 */
export function relayAlerts(
  alerts: { listen(listener: AlertListener): () => void },
  hostId: string,
  grant: HostGrant,
  ws: WebSocket,
): void {
  const stop = alerts.listen((notice, labels) => {
    if (notice.hostId !== hostId || !inScope(grant, labels)) return
    if (ws.readyState === WebSocket.OPEN) sendMessage(ws, { type: 'alert', notice })
  })
  ws.once('close', stop)
}
