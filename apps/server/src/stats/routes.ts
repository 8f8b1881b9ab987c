import { containerParamsSchema, hostParamsSchema } from '@harbormaster/contract'
import { Hono } from 'hono'
import type { WebSocket } from 'ws'
import { resolveContainer } from '../containers/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { closeWithError, sendMessage, upgradeLive } from '../platform/live-route.ts'
import { validate } from '../platform/validate.ts'
import { pumpFromBrowser } from '../platform/ws-bridge.ts'
import { requireHostAction } from '../policy/index.ts'
import { HostOverview } from './host-overview.ts'
import { MAX_BUFFERED_BYTES } from './live-limits.ts'

/**
 * Mounted at `/api/hosts/:hostId/containers`: one container's figures, `{type:'sample'}` at the
 * engine's pace, from the host's shared stream. Reads are not audited.
 */
export const containerStatsRoutes = new Hono<AppEnv>().get(
  '/:id/stats',
  requireHostAction('container.stats'),
  validate('param', containerParamsSchema),
  async (c) => {
    const container = await resolveContainer(c, c.req.valid('param').id)
    // Before the handshake, so a stopped container is a 409 and not a socket that dies.
    if (!container.state.running)
      throw new ApiError(409, 'conflict', `Container ${container.name} is not running`)
    if (!c.var.host.stats.hasRoomFor(container.id))
      throw new ApiError(
        429,
        'rate_limited',
        'Too many containers have stats streaming on this host',
      )
    return upgradeLive(c, (ws) => {
      streamContainerStats(c, container.id, ws)
    })
  },
)

/**
 * Mounted at `/api/hosts/:hostId/stats`: the host overview, every running container in the
 * caller's scope as one `{type:'samples'}` message a second.
 */
export const hostStatsRoutes = new Hono<AppEnv>().get(
  '/',
  requireHostAction('container.stats'),
  validate('param', hostParamsSchema),
  (c) =>
    upgradeLive(c, (ws) => {
      refuseInput(ws)
      new HostOverview(c.var.host, c.var.grant, ws, c.var.logger)
    }),
)

function streamContainerStats(c: HostContext, id: string, ws: WebSocket): void {
  refuseInput(ws)
  let unsubscribe: () => void
  try {
    unsubscribe = subscribe(c, id, ws)
  } catch (err) {
    // Another viewer took the last free stream since the check before the upgrade.
    closeWithError(ws, err, c.var.logger)
    return
  }
  ws.once('close', unsubscribe)
}

function subscribe(c: HostContext, id: string, ws: WebSocket): () => void {
  return c.var.host.stats.subscribe(id, (update) => {
    if (update.kind === 'ended') {
      closeWithError(ws, update.error, c.var.logger)
      return
    }
    // Latest-wins: a browser still busy with earlier samples skips this one.
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return
    sendMessage(ws, { type: 'sample', sample: update.sample })
  })
}

/** Stats sockets only send: a text frame gets an error frame, a binary frame closes (1008). */
function refuseInput(ws: WebSocket): void {
  pumpFromBrowser(ws, undefined, () => {
    sendMessage(ws, {
      type: 'error',
      error: { code: 'invalid_request', message: 'This stream takes no messages' },
    })
  })
}
