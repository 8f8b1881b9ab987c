import type { IncomingMessage } from 'node:http'
import type { EngineFlavour } from './engine-client.ts'
import { EngineProtocolError, EngineTimeoutError } from './errors.ts'
import { readBody } from './response-body.ts'
import type { Transport } from './transport.ts'

export interface PingAnswer {
  apiVersion: string
  flavour: EngineFlavour
  osType: string | undefined
}

const PING_TIMEOUT_MS = 10_000

/**
 * Asks an engine which API version it serves: `HEAD /_ping` (1.40+), then `GET /_ping` for older
 * engines that refuse HEAD, then `GET /version` when no `Api-Version` header came back (engines
 * before 1.25). Ping paths are unversioned by design.
 */
export async function ping(
  transport: Transport,
  timeoutMs = PING_TIMEOUT_MS,
  signal?: AbortSignal,
): Promise<PingAnswer> {
  const deadline = AbortSignal.timeout(Math.min(timeoutMs, PING_TIMEOUT_MS))
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline
  try {
    let res = await transport.request({ method: 'HEAD', path: '/_ping', signal: combined })
    res.resume()
    if (res.statusCode !== 200) {
      res = await transport.request({ method: 'GET', path: '/_ping', signal: combined })
      res.resume()
    }
    const apiVersion = header(res, 'api-version') ?? (await versionFromBody(transport, combined))
    return {
      apiVersion,
      flavour: header(res, 'libpod-api-version') === undefined ? 'docker' : 'podman',
      osType: header(res, 'ostype'),
    }
  } catch (err) {
    if (deadline.aborted && err === deadline.reason) {
      throw new EngineTimeoutError('the ping', Math.min(timeoutMs, PING_TIMEOUT_MS))
    }
    throw err
  }
}

async function versionFromBody(transport: Transport, signal: AbortSignal): Promise<string> {
  const res = await transport.request({ method: 'GET', path: '/version', signal })
  const body = (await readBody(res, 1024 * 1024, signal)).toString('utf8')
  const parsed = JSON.parse(body) as { ApiVersion?: unknown }
  if (typeof parsed.ApiVersion !== 'string') {
    throw new EngineProtocolError('Engine reported no API version in /_ping or /version')
  }
  return parsed.ApiVersion
}

// Node lower-cases header names; Go canonicalises them (`Ostype`), so case never matters here.
function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name]
  const text = Array.isArray(value) ? value[0] : value
  return text === undefined || text === '' ? undefined : text
}
