import type { ImageSummary } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { formatBytes } from '../platform/format.ts'
import {
  Button,
  Dialog,
  dialogActions,
  ErrorState,
  layout,
  Spinner,
  texts,
  TimeAgo,
} from '../ui/index.ts'
import { imageHistoryOptions } from './queries.ts'

/** `docker history`: the layers and the instructions that made them. */
export function HistoryDialog({
  hostId,
  image,
  name,
  onClose,
}: {
  hostId: string
  image: ImageSummary
  name: string
  onClose: () => void
}) {
  const history = useQuery(imageHistoryOptions(hostId, image.id))
  return (
    <Dialog open title={`History of ${name}`} onClose={onClose} wide>
      {history.isPending && <Spinner />}
      {history.isError && <ErrorState error={history.error} />}
      {history.isSuccess && (
        <div className={texts.scrollX}>
          <table className={layout.simpleTable}>
            <thead>
              <tr>
                <th>Created</th>
                <th>Created by</th>
                <th>Size</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((h, i) => (
                <tr key={`${h.id ?? ''}-${i}`}>
                  <td>
                    <TimeAgo value={h.created} />
                  </td>
                  <td>
                    <code className={texts.wrap}>{h.createdBy}</code>
                  </td>
                  <td>{formatBytes(h.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className={dialogActions}>
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  )
}
