import { useState } from 'react'
import { Button, Dialog, dialogActions, useConfirm, useToast } from '../ui/index.ts'
import {
  type ActionResult,
  type BulkTarget,
  type ContainerAction,
  usePlacedContainerAction,
} from './queries.ts'
import styles from './bulk-actions.module.css'

const ACTIONS: { action: ContainerAction; label: string; danger?: boolean }[] = [
  { action: 'start', label: 'Start' },
  { action: 'stop', label: 'Stop' },
  { action: 'restart', label: 'Restart' },
  { action: 'kill', label: 'Kill', danger: true },
  { action: 'remove', label: 'Remove', danger: true },
]

/**
 * Actions on the selected containers, with one confirmation and a result per container. The
 * targets may live on different hosts: each is acted on through its own host's route.
 */
export function BulkActions({ targets, onDone }: { targets: BulkTarget[]; onDone: () => void }) {
  const mutation = usePlacedContainerAction()
  const confirm = useConfirm()
  const toast = useToast()
  const [results, setResults] = useState<{ action: string; list: ActionResult[] } | undefined>()

  const handleAction = async (action: ContainerAction, label: string, danger?: boolean) => {
    if (danger) {
      const ok = await confirm({
        title: `${label} ${targets.length} container${targets.length === 1 ? '' : 's'}?`,
        body: <NameList names={targets.map((t) => t.name)} action={action} />,
        confirmLabel: label,
        danger: true,
      })
      if (!ok) return
    }
    const list = await mutation.mutateAsync({ targets, action })
    const failed = list.filter((r) => !r.ok)
    if (failed.length === 0) {
      toast({ tone: 'ok', title: `${label}: ${list.length} done` })
      onDone()
    } else {
      toast({ tone: 'bad', title: `${label}: ${failed.length} of ${list.length} failed` })
      setResults({ action: label, list })
    }
  }
  return (
    <div className={styles.bar} role="toolbar" aria-label="Actions on selected containers">
      <span>{targets.length} selected</span>
      {ACTIONS.map(({ action, label, danger }) => (
        <Button
          key={action}
          variant={danger ? 'danger' : 'default'}
          busy={mutation.isPending && mutation.variables.action === action}
          disabled={mutation.isPending}
          onClick={() => void handleAction(action, label, danger)}
        >
          {label}
        </Button>
      ))}
      <Dialog
        open={results !== undefined}
        title={`${results?.action ?? ''}: results`}
        onClose={() => {
          setResults(undefined)
        }}
      >
        <ul className={styles.resultList}>
          {results?.list.map((r) => (
            <li key={`${r.hostId}/${r.id}`} className={r.ok ? undefined : styles.failed}>
              <strong>{r.name}</strong>: {r.ok ? 'done' : r.error}
            </li>
          ))}
        </ul>
        <div className={dialogActions}>
          <Button
            onClick={() => {
              setResults(undefined)
            }}
          >
            Close
          </Button>
        </div>
      </Dialog>
    </div>
  )
}

function NameList({ names, action }: { names: string[]; action: ContainerAction }) {
  return (
    <>
      <p>
        {action === 'remove'
          ? 'These containers will be removed (running ones are killed first). Their writable layers are lost; named volumes are kept.'
          : 'These containers will be sent SIGKILL.'}
      </p>
      <ul className={styles.nameList}>
        {names.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  )
}
