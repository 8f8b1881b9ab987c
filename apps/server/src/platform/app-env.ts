import type { Engine } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { AuthServices, UserEvents } from '../auth/index.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import type { HostGrant, Principal } from '../policy/roles.ts'
import type { LiveSockets } from './live-sockets.ts'

/** How a streamed response ended: 200, the error's status and message, or 499 (client left). */
export interface StreamOutcome {
  status: number
  error?: string
}

/** Long-lived services every request can reach through `c.var`. */
export interface AppServices {
  config: Config
  logger: Logger
  db: Db
  hosts: HostRegistry
  /** Every open WebSocket, for heartbeats, caps and closing on credential changes. */
  live: LiveSockets
  /** Users, sessions, API tokens, the sign-in throttle and the setup code. */
  auth: AuthServices
  /** Credential changes, announced by the auth stores; open sockets close on them. */
  userEvents: UserEvents
}

/** What handlers read from `c.var`. */
export interface AppEnv {
  Variables: AppServices & {
    requestId: string
    /** Set by `authenticate()`; routes behind `requireAction` can rely on it. */
    principal: Principal | undefined
    /** Set by the host middleware on `/api/hosts/:hostId/...` routes. */
    hostId: string
    host: RegisteredHost
    engine: Engine
    /** The caller's grant on this host (role and optional label scope). */
    grant: HostGrant
    /** Set by the exec route before the upgrade: the exec this socket will run, and its size. */
    execSession: { execId: string; containerId: string; cols: number; rows: number } | undefined
    /** Set by the attach route before the upgrade. */
    attachTarget: { id: string; tty: boolean; stdin: boolean } | undefined
    /**
     * Set by a streamed response (NDJSON): how the stream ended, which the audit row records
     * instead of the 200 that was sent before the work was done.
     */
    streamOutcome: Promise<StreamOutcome> | undefined
    /** Extra audit fields a handler adds (target, parameters without secrets). */
    auditDetails: { target?: string; parameters?: Record<string, unknown> } | undefined
  }
}
