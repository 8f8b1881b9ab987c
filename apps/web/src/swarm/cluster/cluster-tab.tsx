import type { SwarmClusterView } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import {
  Button,
  Card,
  ErrorState,
  forms,
  layout,
  Row,
  ShortId,
  Spinner,
  texts,
  TimeAgo,
  useConfirm,
  useToast,
} from '../../ui/index.ts'
import { clusterOptions, useUpdateCluster } from './cluster-queries.ts'
import { JoinTokensCard } from './join-tokens-card.tsx'
import {
  boundsOf,
  type NumberSetting,
  type SettingsDraft,
  settingsChange,
  toDraft,
} from './settings-form.ts'

/** The swarm itself, for admins: its settings and its join tokens. */
export function ClusterTab({ hostId }: { hostId: string }) {
  const cluster = useQuery(clusterOptions(hostId))
  if (cluster.isPending) return <Spinner label="Loading the swarm’s settings…" />
  if (cluster.isError)
    return <ErrorState error={cluster.error} onRetry={() => void cluster.refetch()} />
  return (
    <div className={layout.page}>
      <Card title="Swarm">
        <Row label="ID">
          <ShortId id={cluster.data.id} />
        </Row>
        <Row label="Created">
          <TimeAgo value={cluster.data.createdAt} />
        </Row>
      </Card>
      {/* A new key when the server's settings change: the form starts again from them. */}
      <SettingsCard
        key={JSON.stringify(cluster.data.settings)}
        hostId={hostId}
        cluster={cluster.data}
      />
      <JoinTokensCard hostId={hostId} />
    </div>
  )
}

const FIELDS: { key: NumberSetting; label: string; hint: string }[] = [
  {
    key: 'taskHistoryLimit',
    label: 'Task history limit',
    hint: 'Finished tasks kept per slot (what docker service ps shows of the past)',
  },
  {
    key: 'heartbeatPeriodSeconds',
    label: 'Heartbeat period (seconds)',
    hint: 'How often nodes report to the managers; a node silent for longer is marked down',
  },
  {
    key: 'nodeCertExpirySeconds',
    label: 'Node certificate lifetime (seconds)',
    hint: 'How long a node’s TLS certificate lasts before swarm renews it (at least an hour)',
  },
]

function SettingsCard({ hostId, cluster }: { hostId: string; cluster: SwarmClusterView }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(cluster.settings))
  const update = useUpdateCluster(hostId)
  const confirm = useConfirm()
  const toast = useToast()
  const { change, problems } = settingsChange(cluster.settings, draft)
  const unchanged = Object.keys(change).length === 0
  const invalid = Object.keys(problems).length > 0
  const handleSubmit = async (e: SubmitEvent) => {
    e.preventDefault()
    if (unchanged || invalid) return
    if (change.autolock === true && !(await confirmAutolock())) return
    update.mutate(change, {
      onSuccess: () => {
        toast({ tone: 'ok', title: 'Saved the swarm’s settings' })
      },
    })
  }
  const confirmAutolock = () =>
    confirm({
      title: 'Lock the swarm?',
      body: 'A manager that restarts stays locked until someone runs docker swarm unlock with the unlock key (shown with the join tokens afterwards). Keep the key somewhere safe: without it a restarted manager cannot rejoin.',
      confirmLabel: 'Turn on autolock',
    })
  const set = (patch: Partial<SettingsDraft>) => {
    setDraft({ ...draft, ...patch })
  }
  return (
    <Card title="Settings">
      <form className={forms.form} onSubmit={(e) => void handleSubmit(e)} noValidate>
        <NumberFields
          draft={draft}
          problems={problems}
          onChange={(key, value) => {
            set({ [key]: value })
          }}
        />
        <AutolockField
          checked={draft.autolock}
          onChange={(autolock) => {
            set({ autolock })
          }}
        />
        {update.isError && (
          <p className={forms.formError} role="alert">
            {errorMessage(update.error)}
          </p>
        )}
        <div className={layout.actions}>
          <Button
            type="submit"
            variant="primary"
            busy={update.isPending}
            disabled={unchanged || invalid}
          >
            Save settings
          </Button>
          {!unchanged && (
            <Button
              onClick={() => {
                setDraft(toDraft(cluster.settings))
              }}
            >
              Undo changes
            </Button>
          )}
        </div>
      </form>
    </Card>
  )
}

function AutolockField({
  checked,
  onChange,
}: {
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <label>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          onChange(e.target.checked)
        }}
      />{' '}
      Autolock: managers keep the swarm’s keys encrypted and need the unlock key after a restart
    </label>
  )
}

function NumberFields({
  draft,
  problems,
  onChange,
}: {
  draft: SettingsDraft
  problems: Partial<Record<NumberSetting, string>>
  onChange: (key: NumberSetting, value: string) => void
}) {
  return (
    <>
      {FIELDS.map(({ key, label, hint }) => (
        <label className={forms.field} key={key}>
          <span>{label}</span>
          <input
            type="number"
            aria-label={label}
            {...boundsOf(key)}
            value={draft[key]}
            aria-invalid={problems[key] !== undefined}
            onChange={(e) => {
              onChange(key, e.target.value)
            }}
          />
          <small className={texts.muted}>{hint}</small>
          {problems[key] !== undefined && (
            <small className={forms.fieldError}>{problems[key]}</small>
          )}
        </label>
      ))}
    </>
  )
}
