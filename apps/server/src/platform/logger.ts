import { type DestinationStream, pino, type Logger } from 'pino'

/** Paths that may carry secrets; pino replaces them before anything is written. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'req.headers.cookie',
  'req.headers.authorization',
  'headers["x-registry-auth"]',
]

/** JSON lines on stdout, or on `destination` (tests read what would be printed). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } }
  return destination === undefined ? pino(options) : pino(options, destination)
}
