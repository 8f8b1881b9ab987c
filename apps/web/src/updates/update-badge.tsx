import { useQuery } from '@tanstack/react-query'
import { Badge } from '../ui/index.ts'
import { updateFor, updateReportOptions } from './queries.ts'

/**
 * "update available" beside a container, when the last check found a new digest for the tag it
 * was created from. The registry does not say when the digest was pushed (a HEAD answers no
 * date), so the title says when the checker first saw it.
 */
export function UpdateBadge({ hostId, containerId }: { hostId: string; containerId: string }) {
  const report = useQuery(updateReportOptions(hostId))
  const update = updateFor(report.data, containerId)
  if (update === undefined) return null
  const found =
    update.foundAt === undefined ? '' : `, found ${new Date(update.foundAt).toLocaleString()}`
  return (
    <span title={`${update.image}: ${update.newDigest ?? ''}${found}`}>
      <Badge tone="info">update available</Badge>
    </span>
  )
}
