/**
 * The image's HEALTHCHECK: asks this container's own server for /api/health. Exit 0 when the
 * process answers (a host being unreachable is reported in the body, not a reason to restart the
 * dashboard), 1 otherwise. Kept apart from main.ts so a check does not load the whole server.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

const port = Number(process.env.HARBORMASTER_PORT ?? 8080)
const bind = process.env.HARBORMASTER_BIND ?? '0.0.0.0'
const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind
const tls = Boolean(process.env.HARBORMASTER_TLS_CERT)
// The certificate names the public host, not 127.0.0.1: this check only asks "is it up".
const request = tls ? httpsRequest : httpRequest
const req = request(
  { host, port, path: '/api/health', timeout: 4000, rejectUnauthorized: false },
  (res) => {
    res.resume()
    process.exit(res.statusCode === 200 ? 0 : 1)
  },
)
req.on('timeout', () => req.destroy(new Error('timed out')))
req.on('error', () => process.exit(1))
req.end()
