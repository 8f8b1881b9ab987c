/** Why a registry could not answer, in the terms a user can act on. */
export type RegistryErrorKind =
  'unauthorized' | 'not-found' | 'rate-limited' | 'timeout' | 'unreachable' | 'protocol'

export class RegistryError extends Error {
  readonly kind: RegistryErrorKind
  /** For `rate-limited`: how long the registry asked to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined
  readonly status: number | undefined

  constructor(
    kind: RegistryErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'RegistryError'
    this.kind = kind
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

/** Retry-After as milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
