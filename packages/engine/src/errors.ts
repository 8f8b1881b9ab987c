/**
 * Errors raised by the engine client. The engine's own status and message are kept verbatim so
 * callers can show "No such container: web" exactly as `docker` would.
 */
export class EngineError extends Error {
  override name = 'EngineError'
  /** HTTP status the engine answered with. */
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }

  /** Builds the most specific error class for an engine status. */
  static fromStatus(status: number, message: string): EngineError {
    switch (status) {
      case 400:
        return new EngineBadRequestError(status, message)
      case 404:
        return new EngineNotFoundError(status, message)
      case 409:
        return new EngineConflictError(status, message)
      case 503:
        return new EngineNotManagerError(status, message)
      default:
        return new EngineError(status, message)
    }
  }
}

export class EngineBadRequestError extends EngineError {
  override name = 'EngineBadRequestError'
}

export class EngineNotFoundError extends EngineError {
  override name = 'EngineNotFoundError'
}

export class EngineConflictError extends EngineError {
  override name = 'EngineConflictError'
}

/** Swarm endpoints on a node that is not a manager answer 503 (docs/engine.md#swarm). */
export class EngineNotManagerError extends EngineError {
  override name = 'EngineNotManagerError'
}

/** The engine could not be reached at all: socket missing, connection refused or reset. */
export class EngineUnreachableError extends Error {
  override name = 'EngineUnreachableError'
  readonly host: string
  readonly code: string | undefined

  constructor(host: string, cause: unknown) {
    const code = errorCode(cause)
    super(`Engine at ${host} is unreachable${code ? ` (${code})` : ''}`, { cause })
    this.host = host
    this.code = code
  }
}

/** The engine did not answer within the call's timeout. */
export class EngineTimeoutError extends Error {
  override name = 'EngineTimeoutError'
  readonly timeoutMs: number

  constructor(what: string, timeoutMs: number) {
    super(`Engine did not answer ${what} within ${timeoutMs} ms`)
    this.timeoutMs = timeoutMs
  }
}

/** The engine speaks an API version outside what this client supports. */
export class EngineVersionError extends Error {
  override name = 'EngineVersionError'
}

/** Bytes from the engine that break the protocol (a bad stdio frame, a line that is not JSON). */
export class EngineProtocolError extends Error {
  override name = 'EngineProtocolError'
}

/** A JSON progress stream (pull, build, load) that answered 200 and then reported a failure. */
export class EngineStreamError extends Error {
  override name = 'EngineStreamError'
  readonly code: number | undefined

  constructor(message: string, code?: number) {
    super(message)
    this.code = code
  }
}

function errorCode(cause: unknown): string | undefined {
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    const code = cause.code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

/**
 * The negotiated API version has no such endpoint (no networks before 1.21, no stats before
 * 1.17): raised before the request is sent, with a message a view can show as it is.
 */
export class EngineUnsupportedError extends Error {
  override name = 'EngineUnsupportedError'
  readonly feature: string
  readonly apiVersion: string

  constructor(feature: string, apiVersion: string, noun: string) {
    super(`This engine's API ${apiVersion} has no ${noun}`)
    this.feature = feature
    this.apiVersion = apiVersion
  }
}
