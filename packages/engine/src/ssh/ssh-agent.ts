import http from 'node:http'
import type { Duplex } from 'node:stream'
import type { SshDialer } from './ssh-dialer.ts'

type OnCreate = (err: Error | null, socket: Duplex) => void
type CreateConnection = (options: http.ClientRequestArgs, oncreate: OnCreate) => undefined

/** node:http's `createConnection` with a socket that arrives later: a new dial-stdio channel. */
export function dialWith(dialer: SshDialer): CreateConnection {
  return (_options, oncreate) => {
    dialer.dial().then(
      (stream) => {
        oncreate(null, stream)
      },
      (error: unknown) => {
        oncreate(error as Error, undefined as unknown as Duplex)
      },
    )
    return undefined
  }
}

/**
 * The keep-alive pool over SSH: node:http's Agent keeps idle channels for reuse exactly as it
 * keeps idle sockets, and asks for a new channel where it would open a socket.
 */
export class SshAgent extends http.Agent {
  readonly #dial: CreateConnection

  constructor(dialer: SshDialer, options: http.AgentOptions) {
    super(options)
    this.#dial = dialWith(dialer)
  }

  override createConnection(options: http.ClientRequestArgs, oncreate?: OnCreate): undefined {
    this.#dial(options, oncreate ?? (() => undefined))
    return undefined
  }
}
