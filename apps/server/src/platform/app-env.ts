import type { Engine } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import type { HostGrant, Principal } from '../policy/roles.ts'

/** Long-lived services every request can reach through `c.var`. */
export interface AppServices {
  config: Config
  logger: Logger
  db: Db
  hosts: HostRegistry
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
    /** Extra audit fields a handler adds (target, parameters without secrets). */
    auditDetails: { target?: string; parameters?: Record<string, unknown> } | undefined
  }
}
