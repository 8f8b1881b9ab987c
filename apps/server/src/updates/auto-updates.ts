import type { AutoUpdateApplied } from '@harbormaster/contract'
import { type ContainerDetails, EngineNotFoundError } from '@harbormaster/engine'
import type { Logger } from 'pino'
import { AuditLog } from '../audit/index.ts'
import type { Db } from '../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import { StackAutoUpdates } from './auto-update-store.ts'
import type { ImageUpdates } from './image-updates.ts'
import {
  describeWindow,
  inWindow,
  type MaintenanceWindow,
  msUntilOpens,
} from './maintenance-window.ts'
import { recreateOnNewImage, swarmServiceOf, type UpdateHost } from './update-container.ts'

/** A container opts in with this label set to `true` (set at its create: labels never change). */
export const AUTO_UPDATE_LABEL = 'harbormaster.auto-update'
const COMPOSE_PROJECT = 'com.docker.compose.project'

export type AppliedListener = (applied: AutoUpdateApplied) => void

export interface AutoUpdatesOptions {
  db: Db
  hosts: HostRegistry
  logger: Logger
  updates: ImageUpdates
  /** None: never automatically. */
  window: MaintenanceWindow | undefined
  healthTimeoutMs: number
}

/**
 * Opt-in automatic updates: after each check of a host (scheduled or on demand), when the clock
 * is inside the maintenance window, every opted-in container the check found behind is updated
 * as Update does (pull, recreate with the same settings, health wait, rollback), one at a time.
 * Opted in: the container's label, or its compose project is a stored stack with the setting
 * on. The server acts as `system`: the recreate repeats the container's own configuration, which
 * whoever created it was allowed to set, so no one gains a setting through it. Each update is
 * audited and reported to the `image.updated` rules (AlertService), done, rolled back or failed.
 */
export class AutoUpdates {
  readonly stacks: StackAutoUpdates
  readonly window: MaintenanceWindow | undefined
  readonly #options: AutoUpdatesOptions
  readonly #audit: AuditLog
  readonly #logger: Logger
  readonly #listeners = new Set<AppliedListener>()
  readonly #running = new Map<string, Promise<AutoUpdateApplied[]>>()
  readonly #stop: () => void
  #opening: NodeJS.Timeout | undefined

  constructor(options: AutoUpdatesOptions) {
    this.#options = options
    this.window = options.window
    this.stacks = new StackAutoUpdates(options.db)
    this.#audit = new AuditLog(options.db)
    this.#logger = options.logger.child({ part: 'auto-updates' })
    this.#stop = options.updates.onChecked((hostId) => {
      void this.run(hostId).catch((error: unknown) => {
        this.#logger.error({ err: error, host: hostId }, 'automatic updates failed')
      })
    })
    this.#checkWhenOpening()
  }

  /**
   * Every host is checked as the window opens, so updates found since the last check are applied
   * inside it: the scheduled checks (every 6 h) may all fall outside a window of a few hours.
   */
  #checkWhenOpening(): void {
    const window = this.window
    if (window === undefined) return
    this.#opening = setTimeout(
      () => {
        void this.#options.updates.checkAll().catch((error: unknown) => {
          this.#logger.error({ err: error }, 'the check at the window’s opening failed')
        })
        this.#checkWhenOpening()
        // A second in: a timer may fire a millisecond early, which would be before the window.
      },
      msUntilOpens(window, Date.now()) + 1000,
    )
    this.#opening.unref()
  }

  /** The feed of applied updates (AutoUpdateFeed in alerts/image-update-feed.ts). */
  subscribe(listener: AppliedListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** `02:00-05:00 UTC`, or undefined when no window is set. */
  describeWindow(): string | undefined {
    return this.window === undefined ? undefined : describeWindow(this.window)
  }

  /**
   * Applies the host's last check to its opted-in containers when `now` is inside the window;
   * a run already going for the host is joined. What was applied (nothing outside the window).
   */
  run(hostId: string, now = Date.now()): Promise<AutoUpdateApplied[]> {
    const window = this.window
    if (window === undefined || !inWindow(window, now)) return Promise.resolve([])
    const running = this.#running.get(hostId)
    if (running !== undefined) return running
    const host = this.#options.hosts.get(hostId)
    if (host === undefined) return Promise.resolve([])
    const run = this.#run(host).finally(() => {
      this.#running.delete(hostId)
    })
    this.#running.set(hostId, run)
    return run
  }

  stop(): void {
    this.#stop()
    clearTimeout(this.#opening)
  }

  async #run(host: RegisteredHost): Promise<AutoUpdateApplied[]> {
    const applied: AutoUpdateApplied[] = []
    const behind = this.#options.updates.store
      .list(host.id)
      .filter((check) => check.status === 'update-available')
      .flatMap((check) => check.containerIds)
    for (const id of new Set(behind)) {
      const details = await inspect(host, id)
      if (details === undefined || !this.#optedIn(host.id, details.config.labels)) continue
      const result = await this.#apply(host, details)
      if (result === undefined) continue
      applied.push(result)
      this.#record(result)
      this.#announce(result)
    }
    return applied
  }

  #optedIn(hostId: string, labels: Readonly<Record<string, string>>): boolean {
    if (swarmServiceOf(labels) !== undefined) return false
    if (labels[AUTO_UPDATE_LABEL] === 'true') return true
    const project = labels[COMPOSE_PROJECT]
    return project !== undefined && this.stacks.isOn(hostId, project)
  }

  /** One container's update; undefined when the pull brought nothing new. */
  async #apply(
    host: RegisteredHost,
    details: ContainerDetails,
  ): Promise<AutoUpdateApplied | undefined> {
    const target: UpdateHost = {
      engine: host.engine,
      pullAuth: (registry) => this.#options.updates.credentials.pullAuth(host.id, registry),
      touch: (id) => {
        host.containers.touch(id)
      },
    }
    const base = {
      hostId: host.id,
      name: details.name,
      image: details.image,
      labels: { ...details.config.labels },
    }
    try {
      const result = await recreateOnNewImage(target, details, this.#options.healthTimeoutMs)
      if (result.outcome === 'current') return undefined
      return {
        ...base,
        containerId: result.containerId,
        outcome: result.outcome,
        ...(result.reason === undefined ? {} : { reason: result.reason }),
        at: new Date().toISOString(),
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      this.#logger.warn({ err: error, host: host.id, container: details.name }, 'auto-update')
      return {
        ...base,
        containerId: details.id,
        outcome: 'failed',
        reason,
        at: new Date().toISOString(),
      }
    }
  }

  /** As the Update route's row, by `system`, with `automatic` and the window. */
  #record(applied: AutoUpdateApplied): void {
    this.#audit.record({
      actorName: 'system',
      hostId: applied.hostId,
      action: 'container.image-update',
      target: applied.name,
      parameters: {
        automatic: true,
        window: this.describeWindow(),
        outcome: applied.outcome,
        image: applied.image,
        ...(applied.reason === undefined ? {} : { reason: applied.reason }),
      },
      status: applied.outcome === 'failed' ? 500 : 200,
      ...(applied.outcome === 'failed' ? { error: applied.reason } : {}),
    })
  }

  #announce(applied: AutoUpdateApplied): void {
    for (const listener of this.#listeners) {
      try {
        listener(applied)
      } catch (error) {
        this.#logger.error({ err: error }, 'automatic update listener failed')
      }
    }
  }
}

async function inspect(host: RegisteredHost, id: string): Promise<ContainerDetails | undefined> {
  try {
    return await host.engine.containers.inspect(id)
  } catch (error) {
    // Removed since the check: nothing to update.
    if (error instanceof EngineNotFoundError) return undefined
    throw error
  }
}
