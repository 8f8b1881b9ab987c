import type { ContainerDetails } from '@harbormaster/contract'
import { useLocation } from 'wouter'
import { errorMessage } from '../platform/api-client.ts'
import { Button, layout, useConfirm, useToast } from '../ui/index.ts'
import { displayName } from './container-view.ts'
import { type ContainerAction, useContainerAction } from './queries.ts'

/** Lifecycle buttons for one container, offered by its state; destructive ones confirm. */
export function ContainerActions({
  hostId,
  container,
}: {
  hostId: string
  container: ContainerDetails
}) {
  const mutation = useContainerAction(hostId)
  const confirm = useConfirm()
  const toast = useToast()
  const [, navigate] = useLocation()
  const name = displayName(container.name)
  const { running, paused } = container.state

  const handle = async (action: ContainerAction, label: string) => {
    if (action === 'remove' || action === 'kill') {
      const ok = await confirm({
        title: `${label} ${name}?`,
        body:
          action === 'remove' ? (
            <p>
              The container <strong>{name}</strong> will be removed
              {running ? ' (it is running and will be killed first)' : ''}. Its writable layer is
              lost; named volumes are kept.
            </p>
          ) : (
            <p>
              <strong>{name}</strong> will be sent SIGKILL and stop at once.
            </p>
          ),
        confirmLabel: label,
        danger: true,
      })
      if (!ok) return
    }
    try {
      const [result] = await mutation.mutateAsync({ targets: [{ id: container.id, name }], action })
      if (result && !result.ok) throw new Error(result.error)
      toast({ tone: 'ok', title: `${label}: ${name}` })
      if (action === 'remove') navigate(`/hosts/${encodeURIComponent(hostId)}/containers`)
    } catch (err) {
      toast({ tone: 'bad', title: `${label} failed: ${name}`, body: errorMessage(err) })
    }
  }
  const button = (action: ContainerAction, label: string, danger = false) => (
    <Button
      variant={danger ? 'danger' : 'default'}
      busy={mutation.isPending && mutation.variables.action === action}
      disabled={mutation.isPending}
      onClick={() => void handle(action, label)}
    >
      {label}
    </Button>
  )
  return (
    <div className={layout.actions}>
      {!running && button('start', 'Start')}
      {running && !paused && button('stop', 'Stop')}
      {running && button('restart', 'Restart')}
      {running && !paused && button('pause', 'Pause')}
      {paused && button('unpause', 'Resume')}
      {running && button('kill', 'Kill', true)}
      {button('remove', 'Remove', true)}
    </div>
  )
}
