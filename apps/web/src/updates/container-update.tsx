import { UpdateBadge } from './update-badge.tsx'
import { UpdateButton } from './update-button.tsx'

/** The container page's part: the badge for everyone, the Update button for who may change. */
export function ContainerUpdate(props: {
  hostId: string
  containerId: string
  name: string
  mayChange: boolean
  onUpdated: () => void
}) {
  const { hostId, containerId, name, mayChange, onUpdated } = props
  return (
    <>
      <UpdateBadge hostId={hostId} containerId={containerId} />
      {mayChange && (
        <UpdateButton hostId={hostId} containerId={containerId} name={name} onUpdated={onUpdated} />
      )}
    </>
  )
}
