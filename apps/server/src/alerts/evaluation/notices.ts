import { randomUUID } from 'node:crypto'
import type { AlertKind, AlertNotice, AlertRule, AlertSeverity } from '@harbormaster/contract'
import type { Signal } from './container-signals.ts'

const SEVERITY: Record<AlertKind, AlertSeverity> = {
  'container.exit': 'warning',
  'container.oom': 'critical',
  'container.unhealthy': 'warning',
  'container.restart-loop': 'critical',
  'host.down': 'critical',
  'host.disk': 'warning',
  'image.update': 'info',
  'image.updated': 'info',
}

/** Kinds whose alert stays open until a recovery resolves it; the others are one-off. */
export const OPEN_UNTIL_RESOLVED: ReadonlySet<AlertKind> = new Set([
  'container.exit',
  'container.oom',
  'container.unhealthy',
  'host.down',
  'host.disk',
])

/** Firings held back by de-duplication, told in one notice. */
export interface Summary {
  suppressed: number
  windowMinutes: number
  /** Over by now: what the last recovery said ("is healthy again"). */
  nowWhat?: string | undefined
}

export interface NoticeContext {
  hostName: string
  publicOrigin: string
}

/** The notice of a signal under a rule; `id` is the firing's (a resolution carries it). */
export function noticeFor(
  rule: AlertRule,
  signal: Signal,
  context: NoticeContext,
  extra: { id?: string; summary?: Summary } = {},
): AlertNotice {
  const { subject } = signal
  const where = subject.type === 'host' ? '' : ` on ${context.hostName}`
  const title = `${subject.name} ${signal.what}${where}${summaryText(extra.summary)}`
  const suppressed = extra.summary?.suppressed
  return {
    id: extra.id ?? randomUUID(),
    kind: signal.kind,
    state: signal.state,
    severity: signal.state === 'resolved' ? 'info' : (signal.severity ?? SEVERITY[signal.kind]),
    title,
    body: bodyOf(rule, signal, context),
    ruleId: rule.id,
    ruleName: rule.name,
    hostId: signal.hostId,
    hostName: context.hostName,
    subject,
    at: new Date(signal.at).toISOString(),
    url: urlOf(signal, context.publicOrigin),
    ...(suppressed === undefined ? {} : { suppressed }),
  }
}

function summaryText(summary: Summary | undefined): string {
  if (summary === undefined) return ''
  const count = `${String(summary.suppressed)} more times in ${String(summary.windowMinutes)} min`
  return summary.nowWhat === undefined ? ` (${count})` : ` (${count}; ${summary.nowWhat} now)`
}

function bodyOf(rule: AlertRule, signal: Signal, context: NoticeContext): string {
  const lines = [`Rule: ${rule.name}`, `Host: ${context.hostName}`]
  if (signal.subject.type !== 'host') lines.push(`${signal.subject.type}: ${signal.subject.id}`)
  const image = signal.labels.image
  if (signal.subject.type === 'container' && image !== undefined) lines.push(`Image: ${image}`)
  lines.push(`At: ${new Date(signal.at).toISOString()}`)
  return lines.join('\n')
}

function urlOf(signal: Signal, origin: string): string {
  const host = `${origin}/hosts/${encodeURIComponent(signal.hostId)}`
  if (signal.subject.type === 'container')
    return `${host}/containers/${encodeURIComponent(signal.subject.id)}`
  if (signal.subject.type === 'image') return `${host}/images`
  return host
}
