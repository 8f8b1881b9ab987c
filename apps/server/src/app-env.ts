import type { Engine } from '@harbormaster/engine'
import type { AlertService } from './alerts/index.ts'
import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { ChannelDelivery } from './alerts/delivery/channel-delivery.ts'
import type { AuthServices, UserEvents } from './auth/index.ts'
import type { Config } from './config.ts'
import type { Db } from './db/database.ts'
import type { HostRegistry, RegisteredHost } from './hosts/index.ts'
import type { LiveSockets } from './platform/live-sockets.ts'
import type { PlatformVariables, StreamOutcome } from './platform/platform-env.ts'
import type { AutoUpdates, ImageUpdates } from './updates/index.ts'
import type { HistorySettingsStore } from './history/settings/index.ts'
import type { TerminalSessions } from './history/sessions/index.ts'
import type { TimelineService } from './history/timeline/index.ts'
import type { MetricHistoryService } from './history/metrics/index.ts'
import type { CapsuleService } from './history/capsules/index.ts'
import type { HostGrant, Principal } from './policy/roles.ts'

/**
 * The app's long-lived services, reached through `c.var`: built once per app by createServices
 * (services.ts) in the composition root (server.ts), and put on every request by
 * provideServices. Tests build theirs the same way (test/test-services.ts).
 */
export interface AppServices {
  config: Config
  logger: Logger
  db: Db
  /** The engines, each with its client, events, container model, stats and caches. */
  hosts: HostRegistry
  /** Every open WebSocket, for heartbeats, caps and closing on credential changes. */
  live: LiveSockets<Principal>
  /** Users, sessions, API tokens, the sign-in throttle and the setup code. */
  auth: AuthServices
  /** Credential changes, announced by the auth stores; open sockets close on them. */
  userEvents: UserEvents
  /** Alert rules at work, the alerts store, and the notices' listeners (browsers' sockets). */
  alerts: AlertService
  /** Alert notices to their channels: the queue, retries, quiet hours, the delivery log. */
  alertDelivery: ChannelDelivery
  /** The image update checker: its findings, checks on demand and registry credentials. */
  updates: ImageUpdates
  /** Opt-in automatic updates in the maintenance window, after each check. */
  autoUpdates: AutoUpdates
  /** Per host, what history is kept beyond the always-kept (metric history, recordings). */
  historySettings: HistorySettingsStore
  /** The terminal session audit (a row per exec and attach) and its recordings. */
  terminalSessions: TerminalSessions
  /** The events timeline: every host's engine events kept (bounded), read with the audit log. */
  timeline: TimelineService
  metricHistory: MetricHistoryService
  /** Crash capsules and opt-in log retention (history/capsules/). */
  capsules: CapsuleService
}

/**
 * What every handler reads from `c.var`: the services and the request's own variables. It
 * extends platform's variables (what the plumbing reads and sets, in its own terms), so the
 * compiler checks that the app gives platform what it needs.
 */
export interface AppVariables extends AppServices, PlatformVariables {
  config: Config
  /** Set by `authenticate()`; routes behind `requireAction` can rely on it. */
  principal: Principal | undefined
  /**
   * Set by a streamed response (NDJSON): how the stream ended, which the audit row records
   * instead of the 200 that was sent before the work was done.
   */
  streamOutcome: Promise<StreamOutcome> | undefined
  /** Extra audit fields a handler adds (target, parameters without secrets). */
  auditDetails: { target?: string; parameters?: Record<string, unknown> } | undefined
}

export interface AppEnv {
  Variables: AppVariables
}

/** What requireHostAction sets on a `/api/hosts/:hostId/...` route, for the handlers after it. */
export interface HostVariables {
  hostId: string
  host: RegisteredHost
  engine: Engine
  /** The caller's grant on this host (role and optional label scope). */
  grant: HostGrant
}

/**
 * The env of a handler behind requireHostAction. A handler on any other route has no host in
 * its env, so it cannot read one that was never set.
 */
export interface HostEnv {
  Variables: AppVariables & HostVariables
}

/** The context helpers of host routes take (resolveContainer and the like). */
export type HostContext = Context<HostEnv>
