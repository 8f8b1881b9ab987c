import type { StackDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { networkListOptions } from '../networks/index.ts'
import { Button, Dialog, dialogActions, layout, texts } from '../ui/index.ts'
import { volumeListOptions } from '../volumes/index.ts'

const PROJECT = 'com.docker.compose.project'

/** Objects labelled as the project's network or volume: what a down removes (as the server). */
function projectObjects(
  objects: readonly { name: string; labels: Record<string, string> }[] | undefined,
  project: string,
  kindLabel: string,
): string[] | undefined {
  return objects
    ?.filter((o) => o.labels[PROJECT] === project && kindLabel in o.labels)
    .map((o) => o.name)
    .sort()
}

/**
 * `down` names what it removes before it asks: the containers, the project's networks and,
 * only when asked, its volumes (their data with them).
 */
export function DownDialog({
  hostId,
  stack,
  open,
  onClose,
  onConfirm,
}: {
  hostId: string
  stack: StackDetails
  open: boolean
  onClose: () => void
  onConfirm: (volumes: boolean) => void
}) {
  const [volumes, setVolumes] = useState(false)
  const networkList = useQuery({ ...networkListOptions(hostId), enabled: open })
  const volumeList = useQuery({ ...volumeListOptions(hostId), enabled: open && volumes })
  const containers = stack.services.flatMap((s) => s.containers.map((c) => c.name)).sort()
  const networks = projectObjects(networkList.data, stack.name, 'com.docker.compose.network')
  const volumeNames = projectObjects(volumeList.data, stack.name, 'com.docker.compose.volume')
  return (
    <Dialog open={open} title={`Take ${stack.name} down?`} onClose={onClose} wide>
      <p>This stops and removes:</p>
      <Names title="Containers" names={containers} />
      <Names title="Networks" names={networks} />
      <label className={layout.check}>
        <input
          type="checkbox"
          checked={volumes}
          onChange={(e) => {
            setVolumes(e.target.checked)
          }}
        />
        Also remove volumes (their data is lost)
      </label>
      {volumes && <Names title="Volumes" names={volumeNames} />}
      <div className={dialogActions}>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="danger"
          onClick={() => {
            onConfirm(volumes)
          }}
        >
          {volumes ? 'Take down and remove volumes' : 'Take down'}
        </Button>
      </div>
    </Dialog>
  )
}

function Names({ title, names }: { title: string; names: string[] | undefined }) {
  return (
    <div>
      <strong>{title}:</strong>{' '}
      {names === undefined ? (
        <span className={texts.muted}>reading…</span>
      ) : names.length === 0 ? (
        <span className={texts.muted}>none</span>
      ) : (
        <ul aria-label={title}>
          {names.map((n) => (
            <li key={n}>
              <code>{n}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
