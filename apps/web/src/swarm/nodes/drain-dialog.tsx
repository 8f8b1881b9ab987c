import type { DrainEffect, SwarmNodeDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { errorMessage } from '../../platform/api-client.ts'
import { Button, Dialog, dialogActions, forms, Spinner, texts, useToast } from '../../ui/index.ts'
import { drainPreviewOptions, useUpdateNode } from './node-queries.ts'

type DrainTask = DrainEffect['moves'][number]

const taskName = (task: DrainTask) =>
  task.slot === undefined ? task.serviceName : `${task.serviceName}.${task.slot}`

/**
 * Drain asks first: what swarm will move to other nodes and which global tasks will just stop,
 * as the server reads it now. Confirming drains the node; its tasks then move on their own.
 */
export function DrainDialog({
  hostId,
  node,
  onClose,
}: {
  hostId: string
  node: SwarmNodeDetails
  onClose: () => void
}) {
  const toast = useToast()
  const preview = useQuery(drainPreviewOptions(hostId, node.id))
  const update = useUpdateNode(hostId, node.id)
  const drain = () => {
    update.mutate(
      { availability: 'drain' },
      {
        onSuccess: ({ drained }) => {
          const moving = drained?.moves.length ?? 0
          toast({
            tone: 'ok',
            title: `Draining ${node.hostname}: ${moving} task${moving === 1 ? '' : 's'} moving`,
          })
          onClose()
        },
      },
    )
  }
  return (
    <Dialog open wide title={`Drain ${node.hostname}?`} onClose={onClose}>
      <div className={forms.form}>
        <p>
          A drained node runs no tasks: swarm stops its tasks here and starts replicated ones on
          other nodes. It stays in the swarm; set it active again to give it tasks.
        </p>
        {preview.isPending ? (
          <Spinner label="Asking swarm what would move…" />
        ) : preview.isError ? (
          <p className={forms.formError} role="alert">
            {errorMessage(preview.error)}
          </p>
        ) : (
          <DrainEffectList effect={preview.data} />
        )}
        {update.error != null && (
          <p className={forms.formError} role="alert">
            {errorMessage(update.error)}
          </p>
        )}
        <div className={dialogActions}>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            busy={update.isPending}
            disabled={!preview.isSuccess}
            onClick={drain}
          >
            Drain {node.hostname}
          </Button>
        </div>
      </div>
    </Dialog>
  )
}

function DrainEffectList({ effect }: { effect: DrainEffect }) {
  if (effect.moves.length === 0 && effect.stops.length === 0)
    return <p className={texts.muted}>No task runs here: nothing moves or stops.</p>
  return (
    <>
      {effect.moves.length > 0 && (
        <section aria-label="Tasks that move">
          <p>
            {effect.moves.length === 1
              ? 'This task moves'
              : `These ${effect.moves.length} tasks move`}{' '}
            to other nodes:
          </p>
          <TaskList tasks={effect.moves} />
        </section>
      )}
      {effect.stops.length > 0 && (
        <section aria-label="Tasks that stop">
          <p>
            {effect.stops.length === 1
              ? 'This global task stops'
              : `These ${effect.stops.length} global tasks stop`}{' '}
            (a global service runs one task on each node that takes tasks):
          </p>
          <TaskList tasks={effect.stops} />
        </section>
      )}
    </>
  )
}

function TaskList({ tasks }: { tasks: DrainTask[] }) {
  return (
    <ul>
      {tasks.map((task) => (
        <li key={task.id}>
          <strong>{taskName(task)}</strong> <span className={texts.muted}>({task.state})</span>
        </li>
      ))}
    </ul>
  )
}
