import type { SwarmService } from '@harbormaster/contract'
import { Link, useParams } from 'wouter'
import { layout } from '../../ui/index.ts'

/** A service's name in a list, linking to its page on the host being viewed. */
export function ServiceLink({ service }: { service: Pick<SwarmService, 'id' | 'name'> }) {
  const { hostId = '' } = useParams<{ hostId?: string }>()
  return (
    <Link
      href={`/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(service.id)}`}
      className={layout.strongLink}
    >
      {service.name}
    </Link>
  )
}
