import { upgradeWebSocket } from '@hono/node-server'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import type { ZodType, z } from 'zod'
import {
  type EventsServerMessage,
  LIVE_CLOSE,
  type LogsServerMessage,
  type StackLogsServerMessage,
  type StatsServerMessage,
  type TerminalServerMessage,
} from '@harbormaster/contract'
import { ApiError, toErrorResponse } from './errors.ts'
import type { LiveSockets } from './live-sockets.ts'
import type { Caller, WithVars } from './platform-env.ts'

/**
 * Ends a live route: upgrades the request to a WebSocket and hands the socket to `open`.
 *
 * A live route is an ordinary GET route whose last handler first prepares, then upgrades:
 *
 *     async (c) => {
 *       const session = await prepareSession(c) // 404, 409, 403… as HTTP statuses
 *       return upgradeLive(c, (ws) => runSession(c.var.engine, session, ws))
 *     }
 *
 * Everything before the upgrade (session, Origin, role, the target's existence and scope, and
 * the route's own preparation, such as creating the exec) runs on the HTTP request, so a refusal
 * is an HTTP status and never a socket that opens and dies; what it prepared reaches the socket
 * handler in the closure, typed, with no state kept per request elsewhere. `open` receives the
 * real `ws` socket, for backpressure.
 */
export async function upgradeLive<C extends Context, Owner extends Caller>(
  // hostId is set on host routes: the host's removal or new address closes the socket.
  c: WithVars<
    C,
    { live: LiveSockets<Owner>; principal: Owner | undefined; logger: Logger; hostId?: string }
  >,
  open: (ws: WebSocket) => Promise<void> | void,
) {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'invalid_request', 'This route speaks WebSocket only')
  }
  const { live, principal, logger, hostId } = c.var
  if (live.closing) {
    throw new ApiError(503, 'unavailable', 'The server is shutting down: reconnect shortly')
  }
  if (principal && !live.hasRoomFor(principal)) {
    throw new ApiError(429, 'rate_limited', 'Too many live connections open: close some tabs')
  }
  // C extends Context: `c` is the route's Context, which the rule cannot see through WithVars.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return upgradeWebSocket(c, {
    onOpen(_event, ctx) {
      const ws = ctx.raw
      if (!(ws instanceof WebSocket)) return
      if (principal && !live.track(ws, principal, hostId)) return
      // Hold the browser's first frames (keystrokes typed at once) in the socket until the
      // session has attached its listeners: frames read before that would be lost.
      ws.pause()
      Promise.resolve(open(ws))
        .then(() => {
          ws.resume()
        })
        .catch((err: unknown) => {
          closeWithError(ws, err, logger)
        })
    },
  })
}

/** Any message the server sends on a live socket (the contract's server message types). */
export type ServerMessage =
  | TerminalServerMessage
  | LogsServerMessage
  | StackLogsServerMessage
  | StatsServerMessage
  | EventsServerMessage

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
