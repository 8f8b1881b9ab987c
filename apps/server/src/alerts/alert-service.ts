import type {
  AlertNotice,
  AlertRule,
  AutoUpdateApplied,
  ImageUpdateFinding,
} from '@harbormaster/contract'
import type { Container } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { Db } from '../db/database.ts'
import type { HostRegistry, RegisteredHost } from '../hosts/index.ts'
import { AlertStore } from './alert-store.ts'
import { type AlertDispatcher, loggingDispatcher } from './dispatch.ts'
import { measureDiskUsage } from '../system/index.ts'
import { recoveryOf } from './evaluation/container-recovery.ts'
import { ContainerSignals, type Signal } from './evaluation/container-signals.ts'
import { diskSignal, engineBytes } from './evaluation/disk-signals.ts'
import { Notifier } from './evaluation/notifier.ts'
import { OPEN_UNTIL_RESOLVED } from './evaluation/notices.ts'
import { inRuleScope, meetsParams } from './evaluation/rule-match.ts'
import {
  type AutoUpdateFeed,
  type ImageUpdateFeed,
  emptyAutoUpdateFeed,
  emptyImageUpdateFeed,
} from './image-update-feed.ts'
import { RuleStore } from './rules/rule-store.ts'

/** A notice as browsers get it: the host's sockets send it to whoever may see `labels`. */
export type AlertListener = (notice: AlertNotice, labels: Readonly<Record<string, string>>) => void

/**
 * How often the disk rules measure (`/system/df`, which walks every layer and volume), and only
 * while an enabled disk rule exists.
 */
export const DISK_CHECK_MS = 5 * 60_000

export interface AlertServiceParts {
  db: Db
  hosts: HostRegistry
  logger: Logger
  publicOrigin: string
  dispatcher?: AlertDispatcher
  imageUpdates?: ImageUpdateFeed
  autoUpdates?: AutoUpdateFeed
}

/**
 * The alert rules at work: every host's events (already streamed for the model) become signals,
 * the enabled rules of their kind and scope turn them into notices, de-duplicated, which go to
 * the dispatcher (channels), the alerts store and the browsers. It makes no engine call: a host
 * down is its events stream ending (HostEvents' `disconnected`) for longer than the rule's time.
 */
export class AlertService {
  readonly rules: RuleStore
  readonly alerts: AlertStore
  #dispatcher: AlertDispatcher
  readonly #hosts: HostRegistry
  readonly #logger: Logger
  readonly #publicOrigin: string
  readonly #notifier: Notifier
  readonly #listeners = new Set<AlertListener>()
  readonly #downTimers = new Map<string, NodeJS.Timeout[]>()
  readonly #stops: (() => void)[] = []
  #enabled: AlertRule[] = []
  #diskTimer: NodeJS.Timeout | undefined

  constructor(parts: AlertServiceParts) {
    this.rules = new RuleStore(parts.db)
    this.alerts = new AlertStore(parts.db)
    this.#hosts = parts.hosts
    this.#logger = parts.logger.child({ part: 'alerts' })
    this.#publicOrigin = parts.publicOrigin
    this.#dispatcher = parts.dispatcher ?? loggingDispatcher(this.#logger)
    this.#notifier = new Notifier((notice, rule, labels) => {
      this.#deliver(notice, rule, labels)
    })
    this.rulesChanged()
    this.#restore()
    this.#stops.push(
      parts.hosts.onEachHost((host) => {
        this.#watch(host)
      }),
    )
    const feed = parts.imageUpdates ?? emptyImageUpdateFeed
    this.#stops.push(
      feed.subscribe((finding) => {
        this.#imageUpdate(finding)
      }),
      (parts.autoUpdates ?? emptyAutoUpdateFeed).subscribe((applied) => {
        this.#autoUpdate(applied)
      }),
    )
  }

  /** The channels' delivery, wired by the composition root (or a test's recorder). */
  useDispatcher(dispatcher: AlertDispatcher): void {
    this.#dispatcher = dispatcher
  }

  /** Browsers' sockets listen here. Returns the function that stops listening. */
  listen(listener: AlertListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Reloads the enabled rules after a change. A changed or deleted rule starts afresh: its
   * de-duplication memory is forgotten and its open alerts are closed, since nothing would
   * resolve them any more. Closing sends no recovery to the channels: the problem may well go
   * on, and "healthy again" would be false. (A channel's deletion changes rules' channels only,
   * and passes no id.)
   */
  rulesChanged(changedId?: string): void {
    if (changedId !== undefined) {
      this.#notifier.forgetRule(changedId)
      try {
        this.alerts.closeOpenOf(changedId, Date.now())
      } catch (err) {
        this.#logger.error({ err, rule: changedId }, 'open alerts of a changed rule not closed')
      }
    }
    this.#enabled = this.rules.list().filter((rule) => rule.enabled)
    this.#scheduleDiskChecks()
  }

  /** Whether disk usage is being measured on a schedule (only while a disk rule is enabled). */
  get diskChecksScheduled(): boolean {
    return this.#diskTimer !== undefined
  }

  /**
   * Measures each host some enabled disk rule covers (sharing the system page's 30 s answer)
   * and evaluates those rules. A host that does not answer is skipped: that is host.down's.
   */
  async checkDisks(): Promise<void> {
    for (const id of this.#hosts.ids()) {
      const host = this.#hosts.get(id)
      if (!host?.events.connected) continue
      const probe = diskSignal(host, 0, 0)
      const rules = this.#enabled.filter(
        (rule) => rule.kind === 'host.disk' && inRuleScope(rule.scope, probe),
      )
      if (rules.length === 0) continue
      let bytes: number
      try {
        bytes = engineBytes((await measureDiskUsage(host)).usage)
      } catch (err) {
        this.#logger.debug({ err, host: id }, 'disk usage not measured')
        continue
      }
      for (const rule of rules) {
        if (rule.kind !== 'host.disk') continue
        this.#notifier.handle(
          rule,
          diskSignal(host, bytes, rule.params.thresholdBytes),
          this.#ctx(host),
        )
      }
    }
  }

  stop(): void {
    clearInterval(this.#diskTimer)
    this.#diskTimer = undefined
    for (const stop of this.#stops) stop()
    for (const timers of this.#downTimers.values()) for (const t of timers) clearTimeout(t)
    this.#downTimers.clear()
    this.#notifier.stop()
  }

  /** The notifier's memory from the alerts table: what was open or recent when the server stopped. */
  #restore(): void {
    try {
      const longest = Math.max(0, ...this.rules.list().map((rule) => rule.dedupMinutes))
      const since = Date.now() - longest * 60_000
      this.#notifier.restore(this.alerts.recent([...OPEN_UNTIL_RESOLVED], since))
    } catch (err) {
      this.#logger.error({ err }, 'open alerts not restored')
    }
  }

  #scheduleDiskChecks(): void {
    const wanted = this.#enabled.some((rule) => rule.kind === 'host.disk')
    if (wanted && this.#diskTimer === undefined) {
      this.#diskTimer = setInterval(() => {
        void this.checkDisks()
      }, DISK_CHECK_MS)
      this.#diskTimer.unref()
    } else if (!wanted && this.#diskTimer !== undefined) {
      clearInterval(this.#diskTimer)
      this.#diskTimer = undefined
    }
  }

  #watch(host: RegisteredHost): void {
    const signals = new ContainerSignals(host.id)
    const stop = host.events.listen((message) => {
      if (message.kind === 'event') {
        for (const signal of signals.read(message.event)) this.#evaluate(signal)
      } else if (message.kind === 'disconnected') {
        this.#hostLost(host)
      } else {
        this.#hostBack(host)
      }
    })
    this.#stops.push(
      stop,
      host.containers.onSynced((containers, readAskedAt) => {
        this.#reconcile(host, containers, readAskedAt)
      }),
    )
  }

  /**
   * Resolves the host's open container alerts whose problem ended unheard (while the server was
   * down or the events stream broken), from the full read the model takes at every (re)connect
   * and reconciliation: no engine call of its own. Only alerts opened before that read was asked
   * for: a newer one may be about a change the read did not see.
   */
  #reconcile(host: RegisteredHost, containers: readonly Container[], readAskedAt: number): void {
    if (this.#hosts.get(host.id) !== host) return
    const byId = new Map(containers.map((container) => [container.id, container]))
    for (const open of this.#notifier.openOn(host.id)) {
      if (open.subject.type !== 'container' || open.since >= readAskedAt) continue
      const rule = this.#enabled.find((candidate) => candidate.id === open.ruleId)
      const container = byId.get(open.subject.id)
      const what = recoveryOf(open, container)
      if (rule === undefined || what === undefined) continue
      const signal: Signal = {
        kind: open.kind,
        state: 'resolved',
        hostId: host.id,
        subject: open.subject,
        labels: container?.labels ?? open.labels,
        at: Date.now(),
        what,
      }
      this.#notifier.handle(rule, signal, this.#ctx(host))
    }
  }

  #hostLost(host: RegisteredHost): void {
    if (this.#downTimers.has(host.id)) return
    const since = Date.now()
    const timers = this.#enabled
      .filter((rule) => rule.kind === 'host.down')
      .map((rule) => {
        const seconds = rule.kind === 'host.down' ? rule.params.afterSeconds : 0
        const timer = setTimeout(() => {
          // Removed or re-registered meanwhile: that host's alerts are no longer this one's.
          if (this.#hosts.get(host.id) !== host) return
          const signal = hostSignal(host, 'firing', since, `is unreachable since ${iso(since)}`)
          if (inRuleScope(rule.scope, signal)) this.#notifier.handle(rule, signal, this.#ctx(host))
        }, seconds * 1000)
        timer.unref()
        return timer
      })
    this.#downTimers.set(host.id, timers)
  }

  #hostBack(host: RegisteredHost): void {
    for (const timer of this.#downTimers.get(host.id) ?? []) clearTimeout(timer)
    this.#downTimers.delete(host.id)
    this.#evaluate(hostSignal(host, 'resolved', Date.now(), 'is back'))
  }

  #imageUpdate(finding: ImageUpdateFinding): void {
    const host = this.#hosts.get(finding.hostId)
    if (!host) return
    this.#evaluate({
      kind: 'image.update',
      state: 'firing',
      hostId: host.id,
      subject: { type: 'image', id: `${finding.image}@${finding.newDigest}`, name: finding.image },
      labels: {},
      at: Date.parse(finding.checkedAt) || Date.now(),
      what: 'has an update available',
    })
  }

  #autoUpdate(applied: AutoUpdateApplied): void {
    const what = {
      updated: `was updated automatically to the new ${applied.image}`,
      'rolled-back': `was not updated automatically: rolled back (${applied.reason ?? 'failed'})`,
      failed: `was not updated automatically (${applied.reason ?? 'failed'})`,
    }[applied.outcome]
    this.#evaluate({
      kind: 'image.updated',
      state: 'firing',
      hostId: applied.hostId,
      subject: { type: 'container', id: applied.containerId, name: applied.name },
      labels: applied.labels,
      at: Date.parse(applied.at) || Date.now(),
      what,
      ...(applied.outcome === 'updated' ? {} : { severity: 'warning' as const }),
    })
  }

  #evaluate(signal: Signal): void {
    const host = this.#hosts.get(signal.hostId)
    if (!host) return
    for (const rule of this.#enabled) {
      if (rule.kind !== signal.kind) continue
      if (!inRuleScope(rule.scope, signal) || !meetsParams(rule, signal)) continue
      this.#notifier.handle(rule, signal, this.#ctx(host))
    }
  }

  #ctx(host: RegisteredHost) {
    return { hostName: host.name, publicOrigin: this.#publicOrigin }
  }

  #deliver(notice: AlertNotice, rule: AlertRule, labels: Readonly<Record<string, string>>): void {
    try {
      const resolvesOpen = notice.state === 'resolved' && notice.suppressed === undefined
      if (resolvesOpen) this.alerts.resolve(notice)
      else this.alerts.insert(notice, labels)
    } catch (err) {
      this.#logger.error({ err, alert: notice.id }, 'alert not stored')
    }
    // A rule without recovery notices still closes its alert in the list, silently.
    if (notice.state === 'firing' || rule.recovery) this.#safeDispatch(notice, rule.channelIds)
    for (const listener of this.#listeners) {
      try {
        listener(notice, labels)
      } catch (err) {
        this.#logger.error({ err }, 'alert listener failed')
      }
    }
  }

  #safeDispatch(notice: AlertNotice, channelIds: readonly string[]): void {
    try {
      this.#dispatcher.dispatch(notice, channelIds)
    } catch (err) {
      this.#logger.error({ err, alert: notice.id }, 'alert dispatch failed')
    }
  }
}

function hostSignal(
  host: RegisteredHost,
  state: 'firing' | 'resolved',
  at: number,
  what: string,
): Signal {
  return {
    kind: 'host.down',
    state,
    hostId: host.id,
    subject: { type: 'host', id: host.id, name: host.name },
    labels: {},
    at,
    what,
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
