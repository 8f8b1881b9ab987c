import { pino, type Logger } from 'pino'

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

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } })
}
