import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { type WebSocketServerLike, serve } from '@hono/node-server'
import type { Logger } from 'pino'
import { createApp } from './app.ts'
import { AuditLog } from './audit/index.ts'
import { ensureFirstAdmin, openSetup } from './auth/index.ts'
import type { Config } from './config.ts'
import { type Db, openDatabase } from './db/database.ts'
import { type HostRegistry, registerHosts } from './hosts/index.ts'
import type { AppServices } from './app-env.ts'
import { screenHostHeaders } from './platform/host-screen.ts'
import { createLogger } from './platform/logger.ts'
import { createServices } from './services.ts'
import { startSchedule } from './updates/index.ts'
import { WebSocketServer } from 'ws'
import { LIVE_CLOSE } from '@harbormaster/contract'

export interface RunningServer {
  /** `http://127.0.0.1:<port>` (the bound address and the real port when 0 was asked). */
  url: string
  port: number
  services: AppServices
  /** The setup code printed at start while there are no users (tests set up with it). */
  setupCode: string | undefined
  /** Every API route (method and path pattern), for the route-inventory tests. */
  routes: { method: string; path: string }[]
  /** Graceful shutdown; after `graceMs` (default 8 s) the connections still open are cut. */
  close(graceMs?: number): Promise<void>
}

/**
 * The composition root: opens the database, registers the hosts, builds the services (once,
 * services.ts) and the app on them, and starts listening. Used by main.ts and, with a temporary
 * data directory and port 0, by the server's tests: they run the real thing.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const db: Db = openDatabase(config.dataDir)
  const hosts: HostRegistry = registerHosts(db, config, logger)
  const services = createServices({ config, logger, db, hosts })
  const { auth, live } = services
  await ensureFirstAdmin(db, auth, config.adminPassword)
  const housekeeping = startHousekeeping(services)
  services.alertDelivery.start()
  const stopUpdateChecks = startSchedule({
    intervalMs: config.updateCheckHours * 3_600_000,
    lastRun: () => services.updates.lastRun(),
    run: () => services.updates.checkAll(),
  })
  const { app, api } = createApp(services)
  // 64 KiB frames at most; no per-message compression (CPU, and compression oracles on secrets).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    perMessageDeflate: false,
  })
  // Well below Node's defaults: a client that dribbles headers or a body cannot hold a socket.
  const timeouts = { headersTimeout: 10_000, requestTimeout: 300_000 }
  const server = serve({
    fetch: app.fetch,
    // ws types its options `noServer?: boolean | undefined`, the adapter `noServer?: boolean`:
    // the same object, told apart only by exactOptionalPropertyTypes.
    websocket: { server: wss as WebSocketServerLike },
    port: config.port,
    hostname: config.bind,
    ...(config.https
      ? { createServer: createHttpsServer, serverOptions: { ...timeouts, ...config.https } }
      : { serverOptions: timeouts }),
  })
  screenHostHeaders(server)
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const setupCode = openSetup(auth, config.publicOrigin, logger)
  return {
    setupCode,
    url: `${config.https ? 'https' : 'http'}://${reachableHost(config.bind)}:${port}`,
    port,
    services,
    routes: api.routes.map((r) => ({ method: r.method, path: `/api${r.path}` })),
    close: (graceMs = SHUTDOWN_GRACE_MS) =>
      new Promise((resolve) => {
        live.closeAll(LIVE_CLOSE.ended, 'server shutting down')
        live.stop()
        // Deliveries in flight get the grace period too; one cut short stays queued (its lease
        // runs out) and is sent after the restart.
        const deliveriesEnded = services.alertDelivery.stop()
        // Stop accepting; idle keep-alive sockets go now, requests in flight get a grace period
        // (inside `docker stop`'s 10 s) before their sockets are cut.
        // Upgraded sockets are no longer the HTTP server's: a peer that never answers the close
        // frame would hold server.close() for ws's 30 s close timeout, past `docker stop`'s.
        const cutoff = setTimeout(() => {
          server.getConnections((_err, connections) => {
            logger.warn(
              { connections, liveSockets: live.size },
              'grace period over: cutting the connections still open',
            )
          })
          live.terminateAll()
          if ('closeAllConnections' in server) server.closeAllConnections()
        }, graceMs)
        server.close(() => {
          clearTimeout(cutoff)
          clearInterval(housekeeping)
          stopUpdateChecks()
          services.alerts.stop()
          services.autoUpdates.stop()
          services.capsules.stop()
          services.metricHistory.stop()
          services.timeline.stop()
          const sessionsEnded = services.terminalSessions.close()
          void Promise.race([Promise.all([deliveriesEnded, sessionsEnded]), sleep(graceMs)]).then(
            () => {
              hosts.close()
              db.close()
              resolve()
            },
          )
        })
        if ('closeIdleConnections' in server) server.closeIdleConnections()
      }),
  }
}

const HOUR_MS = 3_600_000

/** A wait that does not keep the process alive on its own. */
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref()
  })
const SHUTDOWN_GRACE_MS = 8_000

/**
 * Hourly: drop expired sessions (resolve() only sees those a client still presents), and audit
 * rows and alerts past the audit retention.
 */
function startHousekeeping({ auth, db, config, logger, alerts }: AppServices): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      auth.sessions.pruneExpired()
      const pruned = new AuditLog(db).pruneOlderThan(config.auditRetentionDays * 24 * HOUR_MS)
      if (pruned > 0) logger.info({ pruned }, 'audit entries past retention removed')
      const alertsPruned = alerts.alerts.pruneOlderThan(config.auditRetentionDays * 24 * HOUR_MS)
      if (alertsPruned > 0) logger.info({ alertsPruned }, 'alerts past retention removed')
    } catch (err) {
      logger.error({ err }, 'housekeeping failed')
    }
  }, HOUR_MS)
  timer.unref()
  return timer
}

/** How this process reaches itself on the bound address: a wildcard by loopback, IPv6 bracketed. */
function reachableHost(bind: string): string {
  if (bind === '0.0.0.0') return '127.0.0.1'
  if (bind === '::') return '[::1]'
  return bind.includes(':') ? `[${bind}]` : bind
}
