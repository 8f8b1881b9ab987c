import { useLocation } from 'wouter'
import { errorMessage } from '../platform/api-client.ts'
import { Button, useConfirm, useToast } from '../ui/index.ts'
import { useDeleteStack } from './queries.ts'

/** A managed stack with nothing deployed: forget its file and every version. */
export function DeleteButton({
  hostId,
  name,
  disabled,
}: {
  hostId: string
  name: string
  disabled: boolean
}) {
  const confirm = useConfirm()
  const toast = useToast()
  const remove = useDeleteStack(hostId, name)
  const [, navigate] = useLocation()
  const handleClick = async () => {
    const ok = await confirm({
      title: `Delete stack ${name}?`,
      body: `This deletes its compose file, its .env and every saved version. No container is running from it.`,
      confirmLabel: 'Delete stack',
      danger: true,
    })
    if (!ok) return
    try {
      await remove.mutateAsync()
      toast({ tone: 'ok', title: `Deleted stack ${name}` })
      navigate(`/hosts/${encodeURIComponent(hostId)}/stacks`)
    } catch (err) {
      toast({ tone: 'bad', title: `Could not delete ${name}`, body: errorMessage(err) })
    }
  }
  return (
    <Button
      variant="danger"
      disabled={disabled}
      busy={remove.isPending}
      onClick={() => void handleClick()}
    >
      Delete
    </Button>
  )
}
