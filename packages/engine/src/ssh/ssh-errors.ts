import { EngineUnreachableError } from '../errors.ts'

/**
 * Why an ssh:// engine could not be reached (docs/engine.md#ssh). Each names the host and the
 * cause in words an admin can act on; none carries the key or passphrase.
 */
export type SshFailureReason =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'auth-refused'
  | 'bad-private-key'
  | 'unreachable'
  | 'no-docker-cli'

/**
 * An unreachable engine (so routes answer 502 as for any engine out of reach), saying why in
 * SSH's terms.
 */
export class SshError extends EngineUnreachableError {
  override name = 'SshError'
  readonly reason: SshFailureReason

  constructor(host: string, reason: SshFailureReason, message: string, cause?: unknown) {
    super(host, cause)
    this.message = message
    this.reason = reason
  }
}

/** No fingerprint is pinned: the server offered `offered`, for an admin to accept or not. */
export class SshHostKeyUnknownError extends SshError {
  override name = 'SshHostKeyUnknownError'
  readonly offered: string

  constructor(host: string, offered: string) {
    super(
      host,
      'host-key-unknown',
      `SSH host key of ${host} is not yet accepted: the server offered ${offered}`,
    )
    this.offered = offered
  }
}

/** The server's key is not the pinned one: a reinstalled host, or someone in the middle. */
export class SshHostKeyChangedError extends SshError {
  override name = 'SshHostKeyChangedError'
  readonly expected: string
  readonly offered: string

  constructor(host: string, expected: string, offered: string) {
    super(
      host,
      'host-key-changed',
      `SSH HOST KEY OF ${host} HAS CHANGED: expected ${expected}, the server offered ${offered}. ` +
        'Someone may be intercepting the connection; refusing to connect.',
    )
    this.expected = expected
    this.offered = offered
  }
}
