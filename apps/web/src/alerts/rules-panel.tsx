import type { AlertRule } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  layout,
  Spinner,
  texts,
  useConfirm,
} from '../ui/index.ts'
import { useAlertRules, useDeleteAlertRule, useSaveAlertRule } from './alerts-api.ts'
import { channelsQuery } from './channels/index.ts'
import { KIND_LABELS, RuleDialog } from './rule-dialog.tsx'
import { NEW_RULE, type RuleForm, formOf, toRuleInput } from './rule-form.ts'

/** Admin: the alert rules, each enabled or not, created, edited and deleted here. */
export function RulesPanel() {
  const rules = useAlertRules()
  const save = useSaveAlertRule()
  const remove = useDeleteAlertRule()
  const confirm = useConfirm()
  const channels = useQuery(channelsQuery())
  const channelName = (id: string) => channels.data?.channels.find((c) => c.id === id)?.name ?? id
  const [editing, setEditing] = useState<{ id: string | undefined; form: RuleForm }>()
  if (rules.isPending) return <Spinner />
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
  const toggle = (rule: AlertRule) => {
    const form = { ...formOf(rule), enabled: !rule.enabled }
    const result = toRuleInput(form)
    if (result.ok) save.mutate({ id: rule.id, input: result.input })
  }
  return (
    <div>
      <div className={layout.filters}>
        <Button
          variant="primary"
          onClick={() => {
            save.reset()
            setEditing({ id: undefined, form: NEW_RULE })
          }}
        >
          New rule
        </Button>
      </div>
      {rules.data.rules.length === 0 ? (
        <EmptyState title="No alert rules" />
      ) : (
        <RulesTable
          rules={rules.data.rules}
          channelName={channelName}
          onEdit={(rule) => {
            save.reset()
            setEditing({ id: rule.id, form: formOf(rule) })
          }}
          onToggle={toggle}
          onDelete={(rule) => {
            void confirm({
              title: `Delete the rule "${rule.name}"?`,
              body: 'Its alerts stay in the list.',
              confirmLabel: 'Delete',
              danger: true,
            }).then((ok) => {
              if (ok) remove.mutate(rule.id)
            })
          }}
        />
      )}
      {editing && (
        <RuleDialog
          title={editing.id === undefined ? 'New alert rule' : 'Edit alert rule'}
          initial={editing.form}
          busy={save.isPending}
          error={save.error}
          onCancel={() => {
            setEditing(undefined)
          }}
          onSubmit={(input) => {
            save.mutate(
              { id: editing.id, input },
              {
                onSuccess: () => {
                  setEditing(undefined)
                },
              },
            )
          }}
        />
      )}
    </div>
  )
}

function scopeText(rule: AlertRule): string {
  switch (rule.scope.type) {
    case 'all':
      return 'all hosts'
    case 'hosts':
      return `hosts ${rule.scope.hostIds.join(', ')}`
    case 'labels':
      return `label ${rule.scope.selector}`
    case 'stack':
      return `stack ${rule.scope.name}`
  }
}

function RuleRow({
  rule,
  channelName,
  onEdit,
  onToggle,
  onDelete,
}: {
  rule: AlertRule
  channelName: (id: string) => string
  onEdit: () => void
  onToggle: () => void
  onDelete: () => void
}) {
  return (
    <tr aria-label={rule.name}>
      <td>{rule.name}</td>
      <td>{KIND_LABELS[rule.kind]}</td>
      <td>{scopeText(rule)}</td>
      <td>
        {rule.channelIds.length === 0 ? 'in-app only' : rule.channelIds.map(channelName).join(', ')}
      </td>
      <td>
        <Badge tone={rule.enabled ? 'ok' : 'muted'}>{rule.enabled ? 'enabled' : 'disabled'}</Badge>
      </td>
      <td>
        <Button variant="ghost" onClick={onEdit}>
          Edit
        </Button>
        <Button variant="ghost" onClick={onToggle}>
          {rule.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button variant="ghost" onClick={onDelete}>
          Delete
        </Button>
      </td>
    </tr>
  )
}

function RulesTable({
  rules,
  channelName,
  onEdit,
  onToggle,
  onDelete,
}: {
  rules: AlertRule[]
  channelName: (id: string) => string
  onEdit: (rule: AlertRule) => void
  onToggle: (rule: AlertRule) => void
  onDelete: (rule: AlertRule) => void
}) {
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable}>
        <thead>
          <tr>
            <th>Rule</th>
            <th>Kind</th>
            <th>Scope</th>
            <th>Channels</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              channelName={channelName}
              onEdit={() => {
                onEdit(rule)
              }}
              onToggle={() => {
                onToggle(rule)
              }}
              onDelete={() => {
                onDelete(rule)
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}
