import type { ApiErrorBody } from '@harbormaster/contract'
import type { Context, MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import { type AllowedHosts, parseHost, parseOrigin } from './allowed-hosts.ts'

const HOUR_MS = 3_600_000
/** Distinct refused hosts logged per hour at most: a scan must not flood the log. */
const MAX_WARNINGS_PER_HOUR = 50
const SHOWN_CHARS = 100

/**
 * The first middleware of the whole app (API, WebSocket upgrades, static files): a request must
 * name one of our hosts (DNS rebinding), in its `Host` header and, for an absolute-form target
 * (`GET http://evil/ HTTP/1.1`), in the target too; and an `Origin`, when sent, must be one of
 * our pages. Refusals are answered here, before any route, session or upgrade handshake.
 */
export function hostGuard(allowed: AllowedHosts, logger: Logger): MiddlewareHandler {
  const warnings = new RefusalWarnings(logger)
  return async (c, next) => {
    const localPort = localPortOf(c)
    // HTTP/2 (not served today) names the host in `:authority`, which node-server exposes.
    const raw = c.req.header('host') ?? incomingOf(c)?.authority
    if (raw === undefined || raw === '') {
      return refuse(c, 400, 'invalid_request', 'The request has no Host header')
    }
    // An absolute-form target (`GET http://evil/ HTTP/1.1`) names the host instead of Host.
    const target = new URL(c.req.url).host
    for (const named of raw === target ? [raw] : [raw, target]) {
      const parsed = parseHost(named)
      if (parsed && allowed.acceptsHost(parsed, localPort)) continue
      warnings.note(named)
      return refuse(c, 421, 'misdirected', misdirected(named))
    }
    const host = parseHost(raw)
    const origin = c.req.header('origin')
    if (origin !== undefined && origin !== 'null' && host !== undefined) {
      const page = parseOrigin(origin)
      if (!page || !allowed.acceptsOrigin(page, host, localPort)) {
        return refuse(c, 403, 'forbidden', foreignOrigin(origin))
      }
    }
    return next()
  }
}

const shown = (value: string) =>
  JSON.stringify(value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value)

const misdirected = (host: string) =>
  `This dashboard does not answer to the host ${shown(host)}. If that is its address, add the name to HARBORMASTER_ALLOWED_HOSTS or set HARBORMASTER_PUBLIC_URL to the URL browsers use.`

const foreignOrigin = (origin: string) =>
  `Cross-site request refused: the Origin ${shown(origin)} is not a page of this dashboard. If it is, add its host to HARBORMASTER_ALLOWED_HOSTS or set HARBORMASTER_PUBLIC_URL.`

function refuse(
  c: Context,
  status: 400 | 403 | 421,
  code: ApiErrorBody['error']['code'],
  message: string,
): Response {
  return c.json<ApiErrorBody>({ error: { code, message } }, status)
}

interface Incoming {
  authority?: string
  socket?: { localPort?: number }
}

/** Node's request as `@hono/node-server` passes it in `c.env`; undefined in app.request(). */
const incomingOf = (c: Context): Incoming | undefined =>
  (c.env as { incoming?: Incoming } | undefined)?.incoming

/** The port the connection arrived on. */
function localPortOf(c: Context): number | undefined {
  const port = incomingOf(c)?.socket?.localPort
  return typeof port === 'number' ? port : undefined
}

/** One warning per distinct refused host, at most MAX_WARNINGS_PER_HOUR an hour. */
class RefusalWarnings {
  readonly #logger: Logger
  readonly #seen = new Set<string>()
  #windowStart = Date.now()
  #suppressed = 0

  constructor(logger: Logger) {
    this.#logger = logger
  }

  note(host: string): void {
    const now = Date.now()
    if (now - this.#windowStart >= HOUR_MS) {
      if (this.#suppressed > 0) {
        this.#logger.warn(
          { suppressed: this.#suppressed },
          'more requests for unknown hosts were refused than were logged',
        )
      }
      this.#seen.clear()
      this.#suppressed = 0
      this.#windowStart = now
    }
    const key = host.slice(0, SHOWN_CHARS).toLowerCase()
    if (this.#seen.has(key)) return
    if (this.#seen.size >= MAX_WARNINGS_PER_HOUR) {
      this.#suppressed++
      return
    }
    this.#seen.add(key)
    this.#logger.warn(
      { host: key },
      'refused a request for a host this dashboard does not answer to (DNS rebinding, or a name missing from HARBORMASTER_ALLOWED_HOSTS / HARBORMASTER_PUBLIC_URL)',
    )
  }
}
