import type { MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import { channelDelivery } from './alerts/delivery/channel-delivery.ts'
import {
  type AuthOptions,
  createAuthServices,
  principalStillValid,
  UserEvents,
} from './auth/index.ts'
import type { Config } from './config.ts'
import type { Db } from './db/database.ts'
import type { HostRegistry } from './hosts/index.ts'
import type { AppEnv, AppServices } from './app-env.ts'
import { AlertService } from './alerts/index.ts'
import { LiveSockets } from './platform/live-sockets.ts'
import { AutoUpdates, ImageUpdates } from './updates/index.ts'
import { HistorySettingsStore } from './history/settings/index.ts'
import { CapsuleService } from './history/capsules/index.ts'

/**
 * What the services are made of. The composition root (server.ts) opens the database and
 * registers the hosts; tests give their own (a temporary database, an empty registry).
 */
export interface ServiceParts {
  config: Config
  logger: Logger
  db: Db
  hosts: HostRegistry
  /** Auth settings over the configuration's (tests: a clock, throttle limits, cookie names). */
  auth?: AuthOptions
}

/**
 * Builds the app's services, once per app: every long-lived object a request can reach, and
 * nothing held in module state, so two apps in one process (tests) share nothing.
 */
export function createServices(parts: ServiceParts): AppServices {
  const { config, logger, db, hosts } = parts
  const userEvents = new UserEvents()
  const auth = createAuthServices(db, userEvents, {
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    ...parts.auth,
  })
  const live = new LiveSockets(logger, principalStillValid(auth))
  // A user's sockets close the moment their credentials change or their session ends.
  userEvents.on('credentials-changed', ({ userId, ...only }) => {
    live.closeForUser(userId, only)
  })
  const alertDelivery = channelDelivery({
    db,
    logger,
    publicUrl: config.publicOrigin,
    retry: { baseDelayMs: config.alertRetrySeconds * 1000 },
  })
  const updates = new ImageUpdates({ db, hosts, logger, endpoints: config.registryEndpoints })
  const autoUpdates = new AutoUpdates({
    db,
    hosts,
    logger,
    updates,
    window: config.autoUpdateWindow,
    healthTimeoutMs: config.updateHealthTimeoutSeconds * 1000,
  })
  const alerts = new AlertService({
    db,
    hosts,
    logger,
    publicOrigin: config.publicOrigin,
    imageUpdates: updates,
    autoUpdates,
  })
  alerts.useDispatcher(alertDelivery)
  return {
    config,
    logger,
    db,
    hosts,
    live,
    auth,
    userEvents,
    alerts,
    alertDelivery,
    updates,
    autoUpdates,
    historySettings: new HistorySettingsStore(db),
    capsules: new CapsuleService({ db, hosts, logger, config: config.capsules }),
  }
}

/** Puts the services on `c.var` for every request, and starts the request's own variables. */
export function provideServices(services: AppServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('config', services.config)
    c.set('logger', services.logger)
    c.set('db', services.db)
    c.set('hosts', services.hosts)
    c.set('live', services.live)
    c.set('auth', services.auth)
    c.set('userEvents', services.userEvents)
    c.set('alerts', services.alerts)
    c.set('alertDelivery', services.alertDelivery)
    c.set('updates', services.updates)
    c.set('autoUpdates', services.autoUpdates)
    c.set('historySettings', services.historySettings)
    c.set('capsules', services.capsules)
    c.set('principal', undefined)
    c.set('auditDetails', undefined)
    c.set('streamOutcome', undefined)
    await next()
  }
}
