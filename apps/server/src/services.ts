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
import { TerminalSessions } from './history/sessions/index.ts'
import { TimelineService } from './history/timeline/index.ts'
import { MetricHistoryService } from './history/metrics/index.ts'
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
    oidc: config.oidc,
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
  const historySettings = new HistorySettingsStore(db)
  const terminalSessions = new TerminalSessions({
    db,
    logger,
    dataDir: config.dataDir,
    settings: historySettings,
    causeOf: (ws) => live.causeOf(ws),
    bounds: config.terminalSessions,
  })
  const metricHistory = new MetricHistoryService({
    db,
    hosts,
    settings: historySettings,
    logger,
    retentionDays: config.metricsRetentionDays,
    maxSeries: config.metricsMaxSeries,
  })
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
    historySettings,
    terminalSessions,
    timeline: new TimelineService({
      db,
      hosts,
      logger,
      bounds: { retentionDays: config.timelineRetentionDays, maxEvents: config.timelineMaxEvents },
    }),
    metricHistory,
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
    c.set('terminalSessions', services.terminalSessions)
    c.set('timeline', services.timeline)
    c.set('metricHistory', services.metricHistory)
    c.set('capsules', services.capsules)
    c.set('principal', undefined)
    c.set('auditDetails', undefined)
    c.set('streamOutcome', undefined)
    await next()
  }
}
