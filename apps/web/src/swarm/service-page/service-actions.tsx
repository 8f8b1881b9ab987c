import type { ServiceDetails } from '@harbormaster/contract'
import { type SubmitEvent, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { errorMessage } from '../../platform/api-client.ts'
import {
  Button,
  buttonClass,
  Dialog,
  FormActions,
  forms,
  layout,
  useConfirm,
  useToast,
} from '../../ui/index.ts'
import { type ServiceAction, useServiceAction } from './service-queries.ts'

const LABELS: Record<ServiceAction['kind'], string> = {
  scale: 'Scale',
  rollback: 'Roll back',
  redeploy: 'Force redeploy',
  remove: 'Remove',
}

const CONFIRMATIONS = {
  rollback:
    'The service goes back to the settings it had before its last change; tasks are replaced as its rollback settings say.',
  redeploy:
    'Every task is replaced with a new one with the same settings, as the update settings say (one at a time by default).',
  remove: 'The service and all its tasks are removed on every node. Volumes are kept.',
} as const

/**
 * What someone who may change services can do to this one: scale (replicated services), roll
 * back to the previous settings (when there are some), redeploy every task, remove, and edit.
 * The engine's answers (a refusal, warnings) are shown as it gave them.
 */
export function ServiceActions({
  hostId,
  name,
  details,
}: {
  hostId: string
  name: string
  details: ServiceDetails
}) {
  const actions = useServiceActions(hostId, name, details.id)
  const [scaling, setScaling] = useState(false)
  const mode = details.settings.mode
  const replicas = mode === undefined ? 1 : 'replicated' in mode ? mode.replicated : undefined
  const confirmed = (kind: keyof typeof CONFIRMATIONS) => (
    <Button
      variant={kind === 'remove' ? 'danger' : 'default'}
      disabled={actions.pending}
      busy={actions.busy(kind)}
      onClick={() => void actions.confirmThen({ kind })}
    >
      {LABELS[kind]}
    </Button>
  )
  return (
    <div className={layout.actions}>
      {replicas !== undefined && (
        <Button
          disabled={actions.pending}
          busy={actions.busy('scale')}
          onClick={() => {
            setScaling(true)
          }}
        >
          Scale
        </Button>
      )}
      {details.previousSettings && confirmed('rollback')}
      {confirmed('redeploy')}
      <Link
        href={`/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(details.id)}/edit`}
        className={buttonClass()}
      >
        Edit
      </Link>
      {confirmed('remove')}
      {scaling && replicas !== undefined && (
        <ScaleDialog
          name={name}
          replicas={replicas}
          error={actions.scaleError}
          busy={actions.busy('scale')}
          onClose={() => {
            setScaling(false)
          }}
          onScale={(next) => {
            void actions.run({ kind: 'scale', replicas: next }).then((ok) => {
              if (ok) setScaling(false)
            })
          }}
        />
      )}
    </div>
  )
}

/** Runs an action with its toast (the engine's warnings included), confirming the risky ones. */
function useServiceActions(hostId: string, name: string, id: string) {
  const mutation = useServiceAction(hostId, id)
  const confirm = useConfirm()
  const toast = useToast()
  const [, navigate] = useLocation()
  const run = async (action: ServiceAction): Promise<boolean> => {
    const label = LABELS[action.kind]
    try {
      const { warnings } = await mutation.mutateAsync(action)
      toast({
        tone: warnings.length > 0 ? 'warn' : 'ok',
        title: `${label}: ${name}`,
        ...(warnings.length > 0 ? { body: warnings.join('\n') } : {}),
      })
      if (action.kind === 'remove') navigate(`/hosts/${encodeURIComponent(hostId)}/swarm/services`)
      return true
    } catch (err) {
      toast({ tone: 'bad', title: `${label} failed: ${name}`, body: errorMessage(err) })
      return false
    }
  }
  const confirmThen = async (action: { kind: keyof typeof CONFIRMATIONS }) => {
    const label = LABELS[action.kind]
    const ok = await confirm({
      title: `${label} ${name}?`,
      body: <p>{CONFIRMATIONS[action.kind]}</p>,
      confirmLabel: label,
      danger: action.kind === 'remove',
    })
    if (ok) await run(action)
  }
  return {
    run,
    confirmThen,
    pending: mutation.isPending,
    busy: (kind: ServiceAction['kind']) => mutation.isPending && mutation.variables.kind === kind,
    scaleError: mutation.variables?.kind === 'scale' ? mutation.error : null,
  }
}

function ScaleDialog({
  name,
  replicas,
  error,
  busy,
  onClose,
  onScale,
}: {
  name: string
  replicas: number
  error: unknown
  busy: boolean
  onClose: () => void
  onScale: (replicas: number) => void
}) {
  const [text, setText] = useState(String(replicas))
  const next = Number(text)
  const problem =
    text.trim() === '' || !Number.isInteger(next) || next < 0 || next > 10_000
      ? 'A whole number from 0 to 10000'
      : next === replicas
        ? `It runs ${replicas} already`
        : undefined
  const edited = text !== String(replicas)
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (problem === undefined) onScale(next)
  }
  return (
    <Dialog open title={`Scale ${name}`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <label className={forms.field}>
          <span>Replicas</span>
          <input
            type="number"
            min={0}
            max={10_000}
            value={text}
            autoFocus
            aria-invalid={edited && problem !== undefined}
            onChange={(e) => {
              setText(e.target.value)
            }}
          />
          {edited && problem !== undefined && <small className={forms.fieldError}>{problem}</small>}
        </label>
        <FormActions
          error={error}
          submit="Scale"
          busy={busy}
          disabled={problem !== undefined}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}
