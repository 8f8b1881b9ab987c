import { Link } from 'wouter'
import { canChange, useHost } from '../../hosts/index.ts'
import { buttonClass, layout } from '../../ui/index.ts'

/** "New service" above the services list, for those who may change services on this host. */
export function NewServiceButton({ hostId }: { hostId: string }) {
  if (!canChange(useHost(hostId))) return null
  return (
    <div className={layout.filters}>
      <Link
        className={buttonClass('primary')}
        href={`/hosts/${encodeURIComponent(hostId)}/swarm/services/new`}
      >
        New service
      </Link>
    </div>
  )
}
