import type { LogRetentionRule } from '@harbormaster/contract'
import { useState } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import { Button, Card, forms, layout, texts } from '../../ui/index.ts'
import { useAddLogRetention, useDeleteLogRetention, useLogRetention } from './capsules-api.ts'

/**
 * Log retention: the containers whose log the server follows, so their capsule has their last
 * lines even when the engine removed the log at once. Opt-in: each followed container costs the
 * engine a log stream. Operators add and remove rules.
 */
export function RetentionPanel({ hostId, mayChange }: { hostId: string; mayChange: boolean }) {
  const retention = useLogRetention(hostId)
  const following = retention.data?.following ?? []
  return (
    <Card title="Log retention">
      <p className={texts.muted}>
        A container removed at once (<code>docker run --rm</code>) can take its log with it before
        it is read. Containers a rule names are followed while they run and their last lines kept on
        the server. Each costs the engine a log stream.
      </p>
      <RuleList hostId={hostId} rules={retention.data?.rules ?? []} mayChange={mayChange} />
      {following.length > 0 && (
        <p>
          Following now: <span className={texts.mono}>{following.join(', ')}</span>
        </p>
      )}
      {mayChange && <AddRule hostId={hostId} />}
    </Card>
  )
}

function RuleList({
  hostId,
  rules,
  mayChange,
}: {
  hostId: string
  rules: readonly LogRetentionRule[]
  mayChange: boolean
}) {
  const remove = useDeleteLogRetention(hostId)
  if (rules.length === 0) return <p className={texts.muted}>No rule: no log is followed.</p>
  return (
    <ul aria-label="Log retention rules">
      {rules.map((rule) => (
        <li key={rule.id}>
          {rule.match === 'name' ? 'Container' : 'Label'} <code>{rule.value}</code>
          {rule.scope !== null && <span className={texts.muted}> (within {rule.scope})</span>}{' '}
          <span className={texts.muted}>by {rule.createdBy}</span>{' '}
          {mayChange && (
            <Button
              variant="ghost"
              busy={remove.isPending && remove.variables === rule.id}
              onClick={() => {
                remove.mutate(rule.id)
              }}
            >
              Remove
            </Button>
          )}
        </li>
      ))}
    </ul>
  )
}

function AddRule({ hostId }: { hostId: string }) {
  const add = useAddLogRetention(hostId)
  const [match, setMatch] = useState<'name' | 'label'>('label')
  const [value, setValue] = useState('')
  return (
    <form
      className={layout.inlineForm}
      onSubmit={(event) => {
        event.preventDefault()
        if (value.trim() === '') return
        add.mutate(
          { match, value: value.trim() },
          {
            onSuccess: () => {
              setValue('')
            },
          },
        )
      }}
    >
      <label>
        <span className={texts.srOnly}>Match by</span>
        <select
          value={match}
          onChange={(event) => {
            setMatch(event.target.value === 'name' ? 'name' : 'label')
          }}
        >
          <option value="label">Label</option>
          <option value="name">Container name</option>
        </select>
      </label>
      <label>
        <span className={texts.srOnly}>
          {match === 'name' ? 'Container name' : 'Label (key or key=value)'}
        </span>
        <input
          value={value}
          placeholder={match === 'name' ? 'web-1' : 'key or key=value'}
          onChange={(event) => {
            setValue(event.target.value)
          }}
        />
      </label>
      <Button type="submit" busy={add.isPending}>
        Keep logs
      </Button>
      {add.isError && (
        <span className={forms.formError} role="alert">
          {errorMessage(add.error)}
        </span>
      )}
    </form>
  )
}
