import { useQuery } from '@tanstack/react-query'
import { Badge } from '../ui/index.ts'
import { type UpdateSubject, updateFor, updateReportOptions } from './queries.ts'

/**
 * "update available" beside a container (or a swarm service), when the last check found a new
 * digest for the tag it was created from (the service: the tag its spec pins). The title says when the new image was created when the checker read it
 * (not from Docker Hub, where that costs a counted pull), else when the checker first saw it.
 */
export function UpdateBadge({ hostId, ...subject }: { hostId: string } & UpdateSubject) {
  const report = useQuery(updateReportOptions(hostId))
  const update = updateFor(report.data, subject)
  if (update === undefined) return null
  const found =
    update.newCreatedAt !== undefined
      ? `, created ${new Date(update.newCreatedAt).toLocaleString()}`
      : update.foundAt === undefined
        ? ''
        : `, found ${new Date(update.foundAt).toLocaleString()}`
  return (
    <span title={`${update.image}: ${update.newDigest ?? ''}${found}`}>
      <Badge tone="info">update available</Badge>
    </span>
  )
}
