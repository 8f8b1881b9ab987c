import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Logger } from 'pino'
import { createApp } from './app.ts'
import { ensureFirstAdmin } from './auth/index.ts'
import type { Config } from './config.ts'
import { type Db, openDatabase } from './db/database.ts'
import { type HostRegistry, registerHosts } from './hosts/index.ts'
import type { AppServices } from './platform/app-env.ts'
import { createLogger } from './platform/logger.ts'

export interface RunningServer {
  /** `http://127.0.0.1:<port>` (the bound address and the real port when 0 was asked). */
  url: string
  port: number
  services: AppServices
  close(): Promise<void>
}

/**
 * Opens the database, registers the hosts and starts listening. Used by main.ts and, with a
 * temporary data directory and port 0, by the server's tests: they run the real thing.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const db: Db = openDatabase(config.dataDir)
  const hosts: HostRegistry = registerHosts(db, config)
  await ensureFirstAdmin(db)
  const services: AppServices = { config, logger, db, hosts }
  const { app } = createApp(services)
  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.bind,
    // Well below Node's defaults: a client that dribbles headers or a body cannot hold a socket.
    serverOptions: { headersTimeout: 10_000, requestTimeout: 300_000 },
  })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const host = config.bind === '0.0.0.0' ? '127.0.0.1' : config.bind
  return {
    url: `http://${host}:${port}`,
    port,
    services,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          hosts.close()
          db.close()
          resolve()
        })
        // Keep-alive sockets would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
