import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import { LIVE_CLOSE } from '@harbormaster/contract'
import type { Caller } from './platform-env.ts'

/** Still signed in, with the same credentials? Asked of every open socket once a minute. */
export type OwnerCheck<Owner extends Caller> = (owner: Owner) => boolean

const HEARTBEAT_MS = 30_000
const RECHECK_MS = 60_000
export const MAX_SOCKETS_PER_USER = 32

/** Why the server closed a socket itself (read by the terminal session audit). */
export type LiveCloseCause = 'credentials-changed' | 'host-changed' | 'server-shutdown'

interface Tracked<Owner extends Caller> {
  ws: WebSocket
  principal: Owner
  /** The host the socket streams from (every live route is under /api/hosts/:hostId). */
  hostId: string | undefined
  alive: boolean
}

/**
 * Every open WebSocket, by user. It pings each socket and ends those that miss a pong (dead
 * peers), re-checks each socket's session once a minute, and closes a user's sockets with 1008
 * the moment their password, role or status changes or their session ends: sockets are
 * authorised once at the upgrade and must not outlive what authorised them.
 */
export class LiveSockets<Owner extends Caller> {
  readonly #byUser = new Map<string, Set<Tracked<Owner>>>()
  readonly #logger: Logger
  readonly #check: OwnerCheck<Owner>
  readonly #timers: NodeJS.Timeout[]
  /** Set by closeAll: the server is shutting down, and a socket opened now is closed at once. */
  #shutdown: { code: number; reason: string } | undefined
  readonly #causes = new WeakMap<WebSocket, LiveCloseCause>()

  /** `check`: the app's (auth's principalStillValid), for the principals that open sockets. */
  constructor(logger: Logger, check: OwnerCheck<Owner>) {
    this.#logger = logger
    this.#check = check
    this.#timers = [
      setInterval(() => {
        this.#heartbeat()
      }, HEARTBEAT_MS),
      setInterval(() => {
        this.#recheck()
      }, RECHECK_MS),
    ]
    for (const timer of this.#timers) timer.unref()
  }

  /** Whether the user may open one more socket. */
  hasRoomFor(principal: Owner): boolean {
    return (this.#byUser.get(principal.userId)?.size ?? 0) < MAX_SOCKETS_PER_USER
  }

  /** Why the server closed this socket, if it did (a peer's close has none). */
  causeOf(ws: WebSocket): LiveCloseCause | undefined {
    return this.#causes.get(ws)
  }

  #close(ws: WebSocket, cause: LiveCloseCause, code: number, reason: string): void {
    if (!this.#causes.has(ws)) this.#causes.set(ws, cause)
    ws.close(code, reason)
  }

  /** Whether the server is shutting down: no new socket should open. */
  get closing(): boolean {
    return this.#shutdown !== undefined
  }

  /**
   * Tracks an opened socket; false (and the socket closed) when the server is shutting down. An
   * upgrade authorised just before closeAll opens just after it: left open, it would hold the
   * server's close forever.
   */
  track(ws: WebSocket, principal: Owner, hostId?: string): boolean {
    if (this.#shutdown) {
      this.#close(ws, 'server-shutdown', this.#shutdown.code, this.#shutdown.reason)
      return false
    }
    const entry: Tracked<Owner> = { ws, principal, hostId, alive: true }
    let set = this.#byUser.get(principal.userId)
    if (!set) {
      set = new Set()
      this.#byUser.set(principal.userId, set)
    }
    set.add(entry)
    ws.on('pong', () => {
      entry.alive = true
    })
    ws.once('close', () => {
      set.delete(entry)
      if (set.size === 0) this.#byUser.delete(principal.userId)
    })
    return true
  }

  /**
   * Closes a user's sockets, or only those one session or one API token opened: their
   * credentials changed, the session ended or the token was revoked.
   */
  closeForUser(userId: string, only: { sessionIdHash?: string; tokenId?: string } = {}): void {
    const { sessionIdHash, tokenId } = only
    for (const entry of this.#byUser.get(userId) ?? []) {
      if (sessionIdHash !== undefined && entry.principal.sessionIdHash !== sessionIdHash) continue
      if (tokenId !== undefined && entry.principal.tokenId !== tokenId) continue
      const reason = tokenId === undefined ? 'session ended' : 'token revoked'
      this.#close(entry.ws, 'credentials-changed', LIVE_CLOSE.policy, reason)
    }
  }

  /**
   * Closes every socket streaming from a host: it was removed, or its engine client replaced
   * (new address or certificates), and the streams feeding these sockets stopped with it.
   */
  closeForHost(hostId: string, code: number, reason: string): void {
    for (const set of this.#byUser.values()) {
      for (const entry of set)
        if (entry.hostId === hostId) this.#close(entry.ws, 'host-changed', code, reason)
    }
  }

  get size(): number {
    let count = 0
    for (const set of this.#byUser.values()) count += set.size
    return count
  }

  /** Closes every socket with a message, and any opened from now on (graceful shutdown). */
  closeAll(code: number, reason: string): void {
    this.#shutdown = { code, reason }
    for (const set of this.#byUser.values())
      for (const entry of set) this.#close(entry.ws, 'server-shutdown', code, reason)
  }

  /** Cuts every socket still open: its peer did not answer the close in the grace period. */
  terminateAll(): void {
    for (const set of this.#byUser.values()) {
      for (const entry of set) {
        if (!this.#causes.has(entry.ws)) this.#causes.set(entry.ws, 'server-shutdown')
        entry.ws.terminate()
      }
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer)
  }

  #heartbeat(): void {
    for (const set of this.#byUser.values()) {
      for (const entry of set) {
        if (!entry.alive) {
          entry.ws.terminate()
          continue
        }
        entry.alive = false
        if (entry.ws.readyState === WebSocket.OPEN) entry.ws.ping()
      }
    }
  }

  #recheck(): void {
    for (const set of this.#byUser.values()) {
      for (const entry of set) {
        if (this.#check(entry.principal)) continue
        this.#logger.info(
          { userId: entry.principal.userId },
          'closing a socket whose session or API token ended',
        )
        this.#close(entry.ws, 'credentials-changed', LIVE_CLOSE.policy, 'session ended')
      }
    }
  }
}
