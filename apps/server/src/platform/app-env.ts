import type { Logger } from 'pino'
import type { HostRegistry } from '../hosts/index.ts'

/** What every request handler can reach through `c.var`. */
export interface AppEnv {
  Variables: {
    logger: Logger
    hosts: HostRegistry
  }
}
