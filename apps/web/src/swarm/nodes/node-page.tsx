import type { SwarmNodeDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'wouter'
import { canAdminister, useHost } from '../../hosts/index.ts'
import { formatBinaryBytes } from '../../platform/format.ts'
import {
  Badge,
  Card,
  DataTable,
  EmptyState,
  ErrorState,
  KeyValues,
  layout,
  Row,
  ShortId,
  Spinner,
  texts,
} from '../../ui/index.ts'
import { swarmServicesOptions } from '../queries.ts'
import { sortTasks, taskNamers } from '../swarm-view.ts'
import { NodeActions } from './node-actions.tsx'
import { isDraining, nodeDetailOptions } from './node-queries.ts'
import { nodeTaskColumns } from './node-task-columns.tsx'

/** `docker node inspect` and `docker node ps`, readable, with an admin's changes. */
export function NodePage() {
  const { hostId, id } = useParams<{ hostId: string; id: string }>()
  const mayChange = canAdminister(useHost(hostId))
  const detail = useQuery(nodeDetailOptions(hostId, id))
  const back = (
    <Link href={`/hosts/${encodeURIComponent(hostId)}/swarm/nodes`} className={layout.backLink}>
      ← Nodes
    </Link>
  )
  if (detail.isPending) return <Spinner label="Loading node…" />
  if (detail.isError)
    return (
      <section className={layout.page}>
        {back}
        <ErrorState
          title="Could not open this node"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </section>
    )
  const node = detail.data
  return (
    <section className={layout.page}>
      {back}
      <div className={layout.pageHead}>
        <h1 className={texts.truncate}>{node.hostname}</h1>
        <ShortId id={node.id} />
        <Badge tone="info">{node.leader ? 'leader' : node.role}</Badge>
        <Badge tone={node.state === 'ready' ? 'ok' : 'bad'}>{node.state}</Badge>
        <Badge tone={node.availability === 'active' ? 'ok' : 'warn'}>{node.availability}</Badge>
        {mayChange && <NodeActions hostId={hostId} node={node} />}
      </div>
      <div className={layout.overviewGrid}>
        <NodeCard node={node} />
        <Card title="Labels">
          <KeyValues values={node.labels} />
        </Card>
      </div>
      <NodeTasks hostId={hostId} node={node} />
    </section>
  )
}

const ROLE_TEXT = { leader: 'leader (manager)', manager: 'manager', worker: 'worker' } as const

function NodeCard({ node }: { node: SwarmNodeDetails }) {
  const { nanoCpus, memoryBytes } = node.resources ?? {}
  return (
    <Card title="Node">
      <Row label="Role">{ROLE_TEXT[node.leader ? 'leader' : node.role]}</Row>
      {node.managerReachability !== undefined && (
        <Row label="Reachability">{node.managerReachability}</Row>
      )}
      <Row label="Availability">{node.availability}</Row>
      <Row label="State">{node.state}</Row>
      <Row label="Address">
        <code>{node.managerAddr ?? node.addr}</code>
      </Row>
      <Row label="Engine">{node.engineVersion ?? '—'}</Row>
      {node.platform?.os !== undefined && (
        <Row label="Platform">
          {node.platform.os}
          {node.platform.architecture === undefined ? '' : `/${node.platform.architecture}`}
        </Row>
      )}
      <Row label="CPUs">{nanoCpus === undefined ? '—' : String(nanoCpus / 1e9)}</Row>
      <Row label="Memory">{memoryBytes === undefined ? '—' : formatBinaryBytes(memoryBytes)}</Row>
    </Card>
  )
}

function NodeTasks({ hostId, node }: { hostId: string; node: SwarmNodeDetails }) {
  const services = useQuery(swarmServicesOptions(hostId))
  const { serviceName } = taskNamers(services.data ?? [], [])
  const rows = sortTasks(node.tasks, serviceName)
  return (
    <Card title="Tasks">
      {isDraining(node) && (
        <p className={texts.muted} role="status">
          Draining: swarm is moving this node’s tasks to other nodes.
        </p>
      )}
      {rows.length === 0 ? (
        <EmptyState title="No tasks on this node" />
      ) : (
        <DataTable
          label={`Tasks on ${node.hostname}`}
          columns={nodeTaskColumns(hostId, serviceName)}
          items={rows.map((row) => ({ type: 'row', key: row.id, row }))}
        />
      )}
    </Card>
  )
}
