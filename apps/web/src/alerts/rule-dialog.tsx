import { type AlertKind, type AlertRuleInput, alertKindSchema } from '@harbormaster/contract'
import { useState } from 'react'
import { Dialog, FormActions, forms, TextField } from '../ui/index.ts'
import { RuleChannels } from './rule-channels.tsx'
import { type RuleForm, toRuleInput } from './rule-form.ts'

export const KIND_LABELS: Record<AlertKind, string> = {
  'container.exit': 'Container exited with an error',
  'container.oom': 'Container killed: out of memory',
  'container.unhealthy': 'Container unhealthy',
  'container.restart-loop': 'Container restarting in a loop',
  'host.down': 'Host unreachable',
  'host.disk': 'Engine disk usage',
  'image.update': 'Image update available',
  'image.updated': 'Image updated automatically',
}

export function RuleDialog({
  title,
  initial,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  title: string
  initial: RuleForm
  busy: boolean
  error: unknown
  onCancel: () => void
  onSubmit: (input: AlertRuleInput) => void
}) {
  const [form, setForm] = useState(initial)
  const [problem, setProblem] = useState<string>()
  const set =
    <K extends keyof RuleForm>(key: K) =>
    (value: RuleForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }))
    }
  return (
    <Dialog open title={title} onClose={onCancel}>
      <form
        className={forms.form}
        onSubmit={(e) => {
          e.preventDefault()
          const result = toRuleInput(form)
          if (result.ok) onSubmit(result.input)
          setProblem(result.ok ? undefined : result.error)
        }}
      >
        <TextField label="Name" value={form.name} onChange={set('name')} />
        <label className={forms.field}>
          <span>Kind</span>
          <select
            value={form.kind}
            onChange={(e) => {
              set('kind')(alertKindSchema.parse(e.target.value))
            }}
          >
            {alertKindSchema.options.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        <KindFields form={form} set={set} />
        <ScopeFields form={form} set={set} />
        <RuleChannels value={form.channelIds} onChange={set('channelIds')} />
        <TextField
          label="De-duplication window (minutes)"
          value={form.dedupMinutes}
          onChange={set('dedupMinutes')}
        />
        <Switches form={form} set={set} />
        <FormActions error={problem ?? error} submit="Save" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  )
}

function KindFields({
  form,
  set,
}: {
  form: RuleForm
  set: <K extends keyof RuleForm>(key: K) => (value: RuleForm[K]) => void
}) {
  switch (form.kind) {
    case 'container.exit':
      return (
        <TextField
          label="Exit codes (empty: any non-zero)"
          value={form.exitCodes}
          onChange={set('exitCodes')}
        />
      )
    case 'container.restart-loop':
      return (
        <>
          <TextField label="Restarts" value={form.restarts} onChange={set('restarts')} />
          <TextField
            label="Within (minutes)"
            value={form.windowMinutes}
            onChange={set('windowMinutes')}
          />
        </>
      )
    case 'host.down':
      return (
        <TextField
          label="Unreachable for (seconds)"
          value={form.afterSeconds}
          onChange={set('afterSeconds')}
        />
      )
    case 'host.disk':
      return (
        <TextField
          label="Images + volumes + build cache above (GiB)"
          value={form.thresholdGib}
          onChange={set('thresholdGib')}
        />
      )
    case 'container.oom':
    case 'container.unhealthy':
    case 'image.update':
    case 'image.updated':
      return null
  }
}

function ScopeFields({
  form,
  set,
}: {
  form: RuleForm
  set: <K extends keyof RuleForm>(key: K) => (value: RuleForm[K]) => void
}) {
  return (
    <>
      <label className={forms.field}>
        <span>Scope</span>
        <select
          value={form.scopeType}
          onChange={(e) => {
            set('scopeType')(e.target.value as RuleForm['scopeType'])
          }}
        >
          <option value="all">All hosts</option>
          <option value="hosts">Some hosts</option>
          <option value="labels">Containers with a label</option>
          <option value="stack">Containers of a stack</option>
        </select>
      </label>
      {form.scopeType !== 'all' && (
        <TextField
          label={
            form.scopeType === 'hosts'
              ? 'Host ids'
              : form.scopeType === 'labels'
                ? 'Label (key=value)'
                : 'Stack name'
          }
          value={form.scopeValue}
          onChange={set('scopeValue')}
        />
      )}
    </>
  )
}

function Switches({
  form,
  set,
}: {
  form: RuleForm
  set: <K extends keyof RuleForm>(key: K) => (value: RuleForm[K]) => void
}) {
  return (
    <>
      <label>
        <input
          type="checkbox"
          checked={form.recovery}
          onChange={(e) => {
            set('recovery')(e.target.checked)
          }}
        />{' '}
        Notify on recovery
      </label>
      <label>
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => {
            set('enabled')(e.target.checked)
          }}
        />{' '}
        Enabled
      </label>
    </>
  )
}
