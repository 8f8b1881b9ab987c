import type { AlertRule, AlertScope } from '@harbormaster/contract'
import type { Signal } from './container-signals.ts'

const STACK_LABELS = ['com.docker.compose.project', 'com.docker.stack.namespace']

/** Whether a rule's scope covers a signal's subject. Host signals match host scopes only. */
export function inRuleScope(scope: AlertScope, signal: Signal): boolean {
  switch (scope.type) {
    case 'all':
      return true
    case 'hosts':
      return scope.hostIds.includes(signal.hostId)
    case 'labels': {
      if (signal.subject.type !== 'container') return false
      const split = scope.selector.indexOf('=')
      return signal.labels[scope.selector.slice(0, split)] === scope.selector.slice(split + 1)
    }
    case 'stack':
      return (
        signal.subject.type === 'container' &&
        STACK_LABELS.some((key) => signal.labels[key] === scope.name)
      )
  }
}

/**
 * Whether a firing signal meets the rule's parameters (a resolution always does: it only counts
 * when the rule has an alert open for the subject).
 */
export function meetsParams(rule: AlertRule, signal: Signal): boolean {
  if (signal.state === 'resolved') return true
  switch (rule.kind) {
    case 'container.exit': {
      const code = signal.exitCode ?? 0
      const codes = rule.params.exitCodes ?? []
      return codes.length === 0 ? code !== 0 : codes.includes(code)
    }
    case 'container.restart-loop': {
      const since = signal.at - rule.params.windowMinutes * 60_000
      const recent = (signal.deaths ?? []).filter((t) => t >= since).length
      return recent >= rule.params.restarts
    }
    case 'container.oom':
    case 'container.unhealthy':
    case 'host.down':
    case 'host.disk':
    case 'image.update':
    case 'image.updated':
      return true
  }
}
