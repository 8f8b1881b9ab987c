import { upgradeWebSocket } from '@hono/node-server'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { WebSocket } from 'ws'
import type { ZodType, z } from 'zod'
import {
  type EventsServerMessage,
  LIVE_CLOSE,
  type LogsServerMessage,
  type StatsServerMessage,
  type TerminalServerMessage,
} from '@harbormaster/contract'
import type { AppEnv } from './app-env.ts'
import { ApiError, toErrorResponse } from './errors.ts'

/**
 * The last handler of a WebSocket route. Everything before it (session, Origin, role, the
 * target's existence and scope) ran as ordinary middleware, so a refusal is an HTTP status on
 * the upgrade request and never a socket. `open` receives the real `ws` socket, for backpressure.
 */
export function liveSocket(open: (c: Context<AppEnv>, ws: WebSocket) => Promise<void> | void) {
  const refuseNonUpgrade = createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'invalid_request', 'This route speaks WebSocket only')
    }
    if (c.var.live.closing) {
      throw new ApiError(503, 'unavailable', 'The server is shutting down: reconnect shortly')
    }
    const principal = c.var.principal
    if (principal && !c.var.live.hasRoomFor(principal)) {
      throw new ApiError(429, 'rate_limited', 'Too many live connections open: close some tabs')
    }
    await next()
  })
  const upgrade = upgradeWebSocket((context) => ({
    onOpen(_event, ctx) {
      const c = context as unknown as Context<AppEnv>
      const ws = ctx.raw
      if (!(ws instanceof WebSocket)) return
      const principal = c.var.principal
      if (principal && !c.var.live.track(ws, principal, c.get('hostId'))) return
      // Hold the browser's first frames (keystrokes typed at once) in the socket until the
      // session has attached its listeners: frames read before that would be lost.
      ws.pause()
      Promise.resolve(open(c, ws))
        .then(() => {
          ws.resume()
        })
        .catch((err: unknown) => {
          closeWithError(ws, err, c.var.logger)
        })
    },
  }))
  return [refuseNonUpgrade, upgrade] as const
}

/** Any message the server sends on a live socket (the contract's server message types). */
export type ServerMessage =
  TerminalServerMessage | LogsServerMessage | StatsServerMessage | EventsServerMessage

/** Sends one typed message as a text frame. */
export function sendMessage(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message))
}

/** Sends the error as our envelope, then closes: 4404/4409 for engine 404/409, else 1011. */
export function closeWithError(
  ws: WebSocket,
  err: unknown,
  logger?: { warn: (o: object, m: string) => void },
) {
  const { status, body } = toErrorResponse(err)
  if (status >= 500) logger?.warn({ err }, 'live stream failed')
  sendMessage(ws, { type: 'error', error: body.error })
  const code =
    status === 404
      ? LIVE_CLOSE.gone
      : status === 409
        ? LIVE_CLOSE.conflict
        : status < 500
          ? LIVE_CLOSE.policy
          : LIVE_CLOSE.serverError
  ws.close(code, body.error.message.slice(0, 120))
}

/**
 * Parses a text frame with a contract schema. An invalid message gets an error frame and the
 * socket stays open (issue 4); a client that keeps sending garbage is cut by the rate limit.
 */
export function parseMessage<S extends ZodType>(
  ws: WebSocket,
  schema: S,
  text: string,
): z.infer<S> | undefined {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    data = undefined
  }
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = ['message', ...(issue?.path ?? [])].join('.')
  sendMessage(ws, {
    type: 'error',
    error: { code: 'invalid_request', message: `${field}: ${issue?.message ?? 'invalid'}` },
  })
  return undefined
}
