import type { AlertKind, AlertNotice, AlertRule } from '@harbormaster/contract'
import type { Signal } from './container-signals.ts'
import { type NoticeContext, OPEN_UNTIL_RESOLVED, noticeFor } from './notices.ts'

/** What a notice becomes: sent to the rule's channels, stored, and told to browsers. */
export type NoticeSink = (
  notice: AlertNotice,
  rule: AlertRule,
  labels: Readonly<Record<string, string>>,
) => void

/** A firing alert awaiting its recovery: what a reconciliation needs to resolve it. */
export interface OpenAlert {
  id: string
  ruleId: string
  kind: AlertKind
  hostId: string
  subject: Signal['subject']
  labels: Readonly<Record<string, string>>
  /** When this server opened (or took back) the alert, on its own clock (Unix ms). */
  since: number
}

/** A notice of a previous run, as stored, with the labels of its subject. */
export interface StoredAlert {
  notice: AlertNotice
  labels: Readonly<Record<string, string>>
}

interface SubjectState {
  /** The firing alert awaiting its recovery, if any. */
  open?: OpenAlert | undefined
  lastNoticeAt: number
  /** Firings held back since the last notice. */
  suppressed: number
  /** Whether the last signal said it is failing (a summary is then a firing one). */
  failing: boolean
  lastFiring?: Signal | undefined
  lastResolved?: Signal | undefined
  summary?: NodeJS.Timeout | undefined
}

/**
 * De-duplication: one notice per rule and subject per window. Firings inside the window are
 * counted, and when it ends a single summary notice carries the count (`suppressed`), so a
 * flapping container makes one notice and one summary per window, not a flood. A recovery is
 * sent only for a firing that was sent.
 */
export class Notifier {
  readonly #states = new Map<string, SubjectState>()
  readonly #sink: NoticeSink
  readonly #now: () => number

  constructor(sink: NoticeSink, now: () => number = Date.now) {
    this.#sink = sink
    this.#now = now
  }

  handle(rule: AlertRule, signal: Signal, context: NoticeContext): void {
    const key = keyOf(rule.id, signal.hostId, signal.subject.id)
    const state = this.#states.get(key) ?? {
      lastNoticeAt: -Infinity,
      suppressed: 0,
      failing: false,
    }
    this.#states.set(key, state)
    if (signal.state === 'resolved') {
      state.failing = false
      state.lastResolved = signal
      if (state.open === undefined) return
      const notice = noticeFor(rule, signal, context, { id: state.open.id })
      state.open = undefined
      this.#sink(notice, rule, signal.labels)
      return
    }
    state.failing = true
    state.lastFiring = signal
    if (state.open !== undefined) return
    const windowMs = rule.dedupMinutes * 60_000
    const now = this.#now()
    if (now - state.lastNoticeAt < windowMs) {
      state.suppressed += 1
      state.summary ??= this.#scheduleSummary(state, rule, context, state.lastNoticeAt + windowMs)
      return
    }
    this.#send(state, rule, signal, context)
  }

  /**
   * Takes back what a previous run had sent (its stored notices, oldest first), so a restart
   * forgets neither an open alert (its recovery still resolves it, a new firing does not open a
   * second) nor a de-duplication window in progress.
   */
  restore(stored: readonly StoredAlert[]): void {
    for (const { notice, labels } of stored) {
      const { subject } = notice
      if (subject === undefined) continue
      const key = keyOf(notice.ruleId, notice.hostId, subject.id)
      const state = this.#states.get(key) ?? {
        lastNoticeAt: -Infinity,
        suppressed: 0,
        failing: false,
      }
      this.#states.set(key, state)
      state.lastNoticeAt = Math.max(state.lastNoticeAt, Date.parse(notice.at))
      const open = notice.state === 'firing' && OPEN_UNTIL_RESOLVED.has(notice.kind)
      // A stored notice names no other subjects than signals do (no stack alert exists).
      const signalSubject =
        subject.type === 'stack' ? undefined : { ...subject, type: subject.type }
      // Opened before this run, so before any read this run makes: `since` 0.
      state.open =
        open && signalSubject
          ? { ...openOf(notice), subject: signalSubject, labels, since: 0 }
          : undefined
      state.failing = open
    }
  }

  /** The alerts of a host still waiting for their recovery. */
  openOn(hostId: string): OpenAlert[] {
    const open: OpenAlert[] = []
    for (const state of this.#states.values())
      if (state.open?.hostId === hostId) open.push(state.open)
    return open
  }

  /** Forgets a rule's subjects (deleted or changed rule). */
  forgetRule(ruleId: string): void {
    for (const [key, state] of this.#states) {
      if (!key.startsWith(`${ruleId}\u0000`)) continue
      if (state.summary) clearTimeout(state.summary)
      this.#states.delete(key)
    }
  }

  stop(): void {
    for (const state of this.#states.values()) if (state.summary) clearTimeout(state.summary)
    this.#states.clear()
  }

  #send(state: SubjectState, rule: AlertRule, signal: Signal, context: NoticeContext): void {
    const held = state.suppressed
    const notice = noticeFor(
      rule,
      signal,
      context,
      held > 0 ? { summary: { suppressed: held, windowMinutes: rule.dedupMinutes } } : {},
    )
    state.suppressed = 0
    state.lastNoticeAt = this.#now()
    if (OPEN_UNTIL_RESOLVED.has(signal.kind)) state.open = this.#opened(notice, signal)
    this.#sink(notice, rule, signal.labels)
  }

  #opened(notice: AlertNotice, signal: Signal): OpenAlert {
    return { ...openOf(notice), subject: signal.subject, labels: signal.labels, since: this.#now() }
  }

  #scheduleSummary(
    state: SubjectState,
    rule: AlertRule,
    context: NoticeContext,
    at: number,
  ): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        state.summary = undefined
        const last = state.lastFiring
        if (state.suppressed === 0 || !last) return
        // Still failing: the summary is the firing alert; over by now: it is told as over.
        const signal: Signal = { ...last, state: state.failing ? 'firing' : 'resolved' }
        const notice = noticeFor(rule, signal, context, {
          summary: {
            suppressed: state.suppressed,
            windowMinutes: rule.dedupMinutes,
            nowWhat: state.failing ? undefined : state.lastResolved?.what,
          },
        })
        state.suppressed = 0
        state.lastNoticeAt = this.#now()
        if (state.failing && OPEN_UNTIL_RESOLVED.has(signal.kind))
          state.open = this.#opened(notice, signal)
        this.#sink(notice, rule, signal.labels)
      },
      Math.max(0, at - this.#now()),
    )
    timer.unref()
    return timer
  }
}

function openOf(notice: AlertNotice) {
  return { id: notice.id, ruleId: notice.ruleId, kind: notice.kind, hostId: notice.hostId }
}

function keyOf(ruleId: string, hostId: string, subjectId: string): string {
  return `${ruleId}\u0000${hostId}\u0000${subjectId}`
}
