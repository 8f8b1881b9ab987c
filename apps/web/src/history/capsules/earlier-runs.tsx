import { Link } from 'wouter'
import { Card } from '../../ui/index.ts'
import { CapsuleTable } from './capsule-table.tsx'
import { capsulesPath } from './capsule-view.ts'
import { useCapsules } from './capsules-api.ts'

/**
 * On a container's page: the capsules of containers that had its name (its earlier runs,
 * crashed or removed and recreated). Nothing shows when there are none.
 */
export function EarlierRuns({ hostId, name }: { hostId: string; name: string }) {
  const capsules = useCapsules(hostId, name)
  const list = capsules.data?.capsules ?? []
  if (list.length === 0) return null
  return (
    <Card
      title={`Earlier runs of ${name}`}
      action={<Link href={capsulesPath(hostId, name)}>all</Link>}
    >
      <CapsuleTable hostId={hostId} capsules={list.slice(0, 5)} />
    </Card>
  )
}
