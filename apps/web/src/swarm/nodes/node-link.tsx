import type { SwarmNode } from '@harbormaster/contract'
import { Link, useParams } from 'wouter'
import { layout } from '../../ui/index.ts'

/** A node's host name, linking to its page on the host the list is on. */
export function NodeLink({ node }: { node: SwarmNode }) {
  const { hostId } = useParams<{ hostId: string }>()
  const href = `/hosts/${encodeURIComponent(hostId)}/swarm/nodes/${encodeURIComponent(node.id)}`
  return (
    <Link href={href} className={layout.strongLink}>
      {node.hostname}
    </Link>
  )
}
