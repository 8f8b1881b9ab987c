import {
  type AlertKind,
  type AlertRule,
  type AlertRuleInput,
  alertRuleInputSchema,
} from '@harbormaster/contract'

/** A rule as its form holds it: text fields, turned into the request by `toRuleInput`. */
export interface RuleForm {
  name: string
  kind: AlertKind
  /** container.exit: codes separated by commas or spaces; empty: any non-zero. */
  exitCodes: string
  restarts: string
  windowMinutes: string
  afterSeconds: string
  thresholdGib: string
  scopeType: 'all' | 'hosts' | 'labels' | 'stack'
  /** Host ids (comma-separated), the `key=value` selector or the stack name. */
  scopeValue: string
  /** The channels it sends to, picked by name in the dialog; none: in-app only. */
  channelIds: string[]
  dedupMinutes: string
  recovery: boolean
  enabled: boolean
}

export const NEW_RULE: RuleForm = {
  name: '',
  kind: 'container.exit',
  exitCodes: '',
  restarts: '3',
  windowMinutes: '5',
  afterSeconds: '60',
  thresholdGib: '50',
  scopeType: 'all',
  scopeValue: '',
  channelIds: [],
  dedupMinutes: '15',
  recovery: true,
  enabled: true,
}

const GIB = 2 ** 30
const words = (text: string) => text.split(/[\s,]+/).filter((w) => w !== '')

/** The form of an existing rule. */
export function formOf(rule: AlertRule): RuleForm {
  const form: RuleForm = {
    ...NEW_RULE,
    name: rule.name,
    kind: rule.kind,
    scopeType: rule.scope.type,
    scopeValue:
      rule.scope.type === 'hosts'
        ? rule.scope.hostIds.join(', ')
        : rule.scope.type === 'labels'
          ? rule.scope.selector
          : rule.scope.type === 'stack'
            ? rule.scope.name
            : '',
    channelIds: [...rule.channelIds],
    dedupMinutes: String(rule.dedupMinutes),
    recovery: rule.recovery,
    enabled: rule.enabled,
  }
  if (rule.kind === 'container.exit') form.exitCodes = (rule.params.exitCodes ?? []).join(', ')
  if (rule.kind === 'container.restart-loop') {
    form.restarts = String(rule.params.restarts)
    form.windowMinutes = String(rule.params.windowMinutes)
  }
  if (rule.kind === 'host.down') form.afterSeconds = String(rule.params.afterSeconds)
  if (rule.kind === 'host.disk') form.thresholdGib = String(rule.params.thresholdBytes / GIB)
  return form
}

/** The request for a form, or the first problem in words (the contract's own checks). */
export function toRuleInput(
  form: RuleForm,
): { ok: true; input: AlertRuleInput } | { ok: false; error: string } {
  const candidate = {
    name: form.name,
    kind: form.kind,
    params: paramsOf(form),
    scope: scopeOf(form),
    channelIds: form.channelIds,
    dedupMinutes: Number(form.dedupMinutes),
    recovery: form.recovery,
    enabled: form.enabled,
  }
  const parsed = alertRuleInputSchema.safeParse(candidate)
  if (parsed.success) return { ok: true, input: candidate as AlertRuleInput }
  const issue = parsed.error.issues[0]
  return { ok: false, error: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` }
}

function paramsOf(form: RuleForm): Record<string, unknown> {
  switch (form.kind) {
    case 'container.exit':
      return form.exitCodes.trim() === '' ? {} : { exitCodes: words(form.exitCodes).map(Number) }
    case 'container.restart-loop':
      return { restarts: Number(form.restarts), windowMinutes: Number(form.windowMinutes) }
    case 'host.down':
      return { afterSeconds: Number(form.afterSeconds) }
    case 'host.disk':
      return { thresholdBytes: Math.round(Number(form.thresholdGib) * GIB) }
    case 'container.oom':
    case 'container.unhealthy':
    case 'image.update':
    case 'image.updated':
      return {}
  }
}

function scopeOf(form: RuleForm): Record<string, unknown> {
  const value = form.scopeValue.trim()
  switch (form.scopeType) {
    case 'all':
      return { type: 'all' }
    case 'hosts':
      return { type: 'hosts', hostIds: words(value) }
    case 'labels':
      return { type: 'labels', selector: value }
    case 'stack':
      return { type: 'stack', name: value }
  }
}
