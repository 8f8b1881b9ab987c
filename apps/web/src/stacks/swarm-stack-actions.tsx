import type { StackDetails } from '@harbormaster/contract'
import { Button, layout, useConfirm } from '../ui/index.ts'
import { DeleteButton } from './delete-stack-button.tsx'
import { runStackAction } from './stack-actions-calls.ts'
import type { StackOperation } from './use-stack-operation.ts'

/**
 * A swarm stack's actions: Deploy (ours), and Remove, which takes away its services, networks,
 * secrets and configs as `docker stack rm` does (a CLI stack's too). Its services are scaled and
 * updated on their own pages, so there is no start, stop or pull here.
 */
export function SwarmStackActions({
  hostId,
  stack,
  op,
  onDeploy,
}: {
  hostId: string
  stack: StackDetails
  op: StackOperation
  onDeploy: () => void
}) {
  const confirm = useConfirm()
  const busy = op.running
  const hasServices = stack.services.length > 0
  const remove = async () => {
    const ok = await confirm({
      title: `Remove stack ${stack.name}?`,
      body:
        'This removes its services (their tasks stop on every node), then its networks, ' +
        'secrets and configs. Volumes stay.',
      confirmLabel: 'Remove stack',
      danger: true,
    })
    if (!ok) return
    void op.run(
      `Removing ${stack.name}`,
      (onProgress, signal) =>
        runStackAction(hostId, stack.name, 'down', { volumes: false }, onProgress, signal),
      `Removed ${stack.name}`,
    )
  }
  return (
    <div className={layout.actions} role="toolbar" aria-label="Stack actions">
      {stack.origin === 'managed' && (
        <Button variant="primary" disabled={busy} onClick={onDeploy}>
          Deploy
        </Button>
      )}
      <Button variant="danger" disabled={busy || !hasServices} onClick={() => void remove()}>
        Remove…
      </Button>
      {stack.origin === 'managed' && !hasServices && (
        <DeleteButton hostId={hostId} name={stack.name} disabled={busy} />
      )}
    </div>
  )
}
