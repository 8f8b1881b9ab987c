import type { StackDetails } from '@harbormaster/contract'
import { useState } from 'react'
import { Button, layout } from '../ui/index.ts'
import { DeleteButton } from './delete-stack-button.tsx'
import { DownDialog } from './down-dialog.tsx'
import { type StackAction, runStackAction } from './stack-actions-calls.ts'
import { SwarmStackActions } from './swarm-stack-actions.tsx'
import type { StackOperation } from './use-stack-operation.ts'

const VERBS: Record<StackAction, [running: string, done: string]> = {
  start: ['Starting', 'Started'],
  stop: ['Stopping', 'Stopped'],
  restart: ['Restarting', 'Restarted'],
  pull: ['Pulling the images of', 'Pulled the images of'],
  down: ['Taking down', 'Took down'],
  update: ['Updating the images of', 'Updated the images of'],
}

const SIMPLE = ['start', 'stop', 'restart', 'pull'] as const
const LABELS: Record<(typeof SIMPLE)[number], string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pull: 'Pull',
}

/**
 * The lifecycle buttons of a stack, for those who may operate it; one operation at a time.
 * A compose CLI project also offers Adopt (a review first, so nothing runs from the button).
 */
export function StackActions({
  hostId,
  stack,
  op,
  onDeploy,
  onAdopt,
}: {
  hostId: string
  stack: StackDetails
  op: StackOperation
  onDeploy: () => void
  /** Opens the adoption's review; absent while it is open. */
  onAdopt: (() => void) | undefined
}) {
  const [downOpen, setDownOpen] = useState(false)
  if (stack.target === 'swarm')
    return <SwarmStackActions hostId={hostId} stack={stack} op={op} onDeploy={onDeploy} />
  const run = (action: StackAction, volumes = false) => {
    const [running, done] = VERBS[action]
    void op.run(
      `${running} ${stack.name}`,
      (onProgress, signal) =>
        runStackAction(hostId, stack.name, action, { volumes }, onProgress, signal),
      `${done} ${stack.name}`,
    )
  }
  const busy = op.running
  const hasContainers = stack.total > 0
  return (
    <div className={layout.actions} role="toolbar" aria-label="Stack actions">
      {stack.origin === 'managed' && (
        <Button variant="primary" disabled={busy} onClick={onDeploy}>
          Deploy
        </Button>
      )}
      {stack.origin === 'cli' && onAdopt && (
        <Button variant="primary" disabled={busy} onClick={onAdopt}>
          Adopt
        </Button>
      )}
      <UpdateImagesButton stack={stack} disabled={busy} run={run} />
      {SIMPLE.map((action) => (
        <Button
          key={action}
          disabled={busy || !hasContainers}
          onClick={() => {
            run(action)
          }}
        >
          {LABELS[action]}
        </Button>
      ))}
      <Button
        variant="danger"
        disabled={busy || !hasContainers}
        onClick={() => {
          setDownOpen(true)
        }}
      >
        Down…
      </Button>
      {stack.origin === 'managed' && !hasContainers && (
        <DeleteButton hostId={hostId} name={stack.name} disabled={busy} />
      )}
      <DownDialog
        hostId={hostId}
        stack={stack}
        open={downOpen}
        onClose={() => {
          setDownOpen(false)
        }}
        onConfirm={(volumes) => {
          setDownOpen(false)
          run('down', volumes)
        }}
      />
    </div>
  )
}

/** Update: only on a managed stack the last image update check found updates for. */
function UpdateImagesButton({
  stack,
  disabled,
  run,
}: {
  stack: StackDetails
  disabled: boolean
  run: (action: 'update') => void
}) {
  const services = stack.updates ?? []
  if (stack.origin !== 'managed' || services.length === 0) return null
  return (
    <Button
      disabled={disabled}
      title={`Pull the new images of ${services.join(', ')} and recreate only those services`}
      onClick={() => {
        run('update')
      }}
    >
      Update
    </Button>
  )
}
