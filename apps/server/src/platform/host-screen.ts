import type { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ApiErrorBody } from '@harbormaster/contract'
import { parseHost } from './allowed-hosts.ts'

type Emit = (event: string | symbol, ...args: unknown[]) => boolean

/**
 * Below the app, on the Node server itself: a request or WebSocket upgrade whose `Host` is
 * missing (HTTP/1.0; Node refuses HTTP/1.1 without one) or malformed, or whose absolute-form
 * target is, gets our 400 envelope before `@hono/node-server` builds a URL from it (which answers
 * some malformed upgrades with a 500). Whether a well-formed host is one of ours is hostGuard's
 * question, in the app.
 */
export function screenHostHeaders(server: EventEmitter): void {
  const emit = server.emit.bind(server) as Emit
  const screened: Emit = (event, ...args) => {
    if (event !== 'request' && event !== 'upgrade') return emit(event, ...args)
    const problem = hostProblem(args[0] as IncomingMessage)
    if (problem === undefined) return emit(event, ...args)
    const body = JSON.stringify({
      error: { code: 'invalid_request', message: problem },
    } satisfies ApiErrorBody)
    if (event === 'request') refuseRequest(args[1] as ServerResponse, body)
    else refuseUpgrade(args[1] as Duplex, body)
    return true
  }
  server.emit = screened
}

function hostProblem(req: IncomingMessage): string | undefined {
  // HTTP/2 (not served today) sends `:authority` instead of Host.
  const authority = req.headers[':authority']
  const host = req.headers.host ?? (typeof authority === 'string' ? authority : undefined)
  if (host === undefined || host === '') return 'The request has no Host header'
  if (parseHost(host) === undefined) return 'The Host header is not a host name, address or port'
  const target = req.url ?? '/'
  if (!/^https?:\/\//i.test(target)) return undefined
  try {
    if (parseHost(new URL(target).host) !== undefined) return undefined
  } catch {
    // Not a URL: refused below.
  }
  return 'The request target is not a valid absolute URL'
}

function refuseRequest(res: ServerResponse, body: string): void {
  res.writeHead(400, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  })
  res.end(body)
}

function refuseUpgrade(socket: Duplex, body: string): void {
  // A peer that resets now would raise an error nobody else listens for on this raw socket.
  socket.on('error', () => undefined)
  const head = [
    'HTTP/1.1 400 Bad Request',
    'Content-Type: application/json',
    `Content-Length: ${String(Buffer.byteLength(body))}`,
    'Connection: close',
  ]
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`)
}
