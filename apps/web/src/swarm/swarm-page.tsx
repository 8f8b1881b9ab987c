import { useQuery } from '@tanstack/react-query'
import { useParams } from 'wouter'
import { canAdminister, useHost } from '../hosts/index.ts'
import { ClusterTab } from './cluster/cluster-tab.tsx'
import { EmptyState, ErrorState, layout, ResourceBody, Spinner, Tabs } from '../ui/index.ts'
import {
  swarmNodesOptions,
  swarmServicesOptions,
  swarmStatusOptions,
  swarmTasksOptions,
} from './queries.ts'
import { nodeColumns, serviceColumns, taskColumns } from './swarm-columns.tsx'
import { sortTasks, taskNamers } from './swarm-view.ts'
import { NewServiceButton } from './service-form/new-service-button.tsx'
import { SwarmFilesTab } from './swarm-files/swarm-files-tab.tsx'

const TABS = [
  { id: 'services', label: 'Services' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'secrets', label: 'Secrets' },
  { id: 'configs', label: 'Configs' },
  { id: 'cluster', label: 'Cluster' },
] as const

/** Tabs only an admin may use (the server refuses everyone else). */
const ADMIN_TABS = new Set<string>(['cluster'])

/** Read-only views of the swarm this host manages; other hosts get a plain explanation. */
export function SwarmPage() {
  const { hostId, tab = 'services' } = useParams<{ hostId: string; tab?: string }>()
  const status = useQuery(swarmStatusOptions(hostId))
  const mayAdminister = canAdminister(useHost(hostId))
  const base = `/hosts/${encodeURIComponent(hostId)}/swarm`
  if (status.isPending) return <Spinner label="Asking the host about its swarm…" />
  if (status.isError)
    return <ErrorState error={status.error} onRetry={() => void status.refetch()} />
  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Swarm</h1>
      </div>
      {status.data.manager ? (
        <>
          <Tabs
            label="Swarm views"
            current={tab}
            items={TABS.filter((t) => mayAdminister || !ADMIN_TABS.has(t.id)).map((t) => ({
              ...t,
              href: `${base}/${t.id}`,
            }))}
          />
          <div className={layout.tabPanel}>
            {tab === 'cluster' && mayAdminister ? (
              <ClusterTab hostId={hostId} />
            ) : tab === 'tasks' ? (
              <TaskTable hostId={hostId} />
            ) : tab === 'nodes' ? (
              <NodeTable hostId={hostId} />
            ) : tab === 'secrets' || tab === 'configs' ? (
              <SwarmFilesTab hostId={hostId} kind={tab} />
            ) : (
              <ServiceTable hostId={hostId} />
            )}
          </div>
        </>
      ) : (
        <EmptyState title="This host is not a swarm manager">
          <p>
            Services, tasks and nodes are shown for hosts that manage a swarm. Run{' '}
            <code>docker swarm init</code> on the host, or open a manager of the swarm.
          </p>
        </EmptyState>
      )}
    </section>
  )
}

function ServiceTable({ hostId }: { hostId: string }) {
  const services = useQuery(swarmServicesOptions(hostId))
  const rows = [...(services.data ?? [])].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <>
      <NewServiceButton hostId={hostId} />
      <ResourceBody
        query={services}
        rows={rows}
        columns={serviceColumns(hostId)}
        label="Services"
        keyOf={(s) => s.id}
        empty="No services"
      />
    </>
  )
}

function TaskTable({ hostId }: { hostId: string }) {
  const tasks = useQuery(swarmTasksOptions(hostId))
  const services = useQuery(swarmServicesOptions(hostId))
  const nodes = useQuery(swarmNodesOptions(hostId))
  const { serviceName, nodeName } = taskNamers(services.data ?? [], nodes.data ?? [])
  const rows = sortTasks(tasks.data ?? [], serviceName)
  return (
    <ResourceBody
      query={tasks}
      rows={rows}
      columns={taskColumns(serviceName, nodeName)}
      label="Tasks"
      keyOf={(t) => t.id}
      empty="No tasks"
    />
  )
}

function NodeTable({ hostId }: { hostId: string }) {
  const nodes = useQuery(swarmNodesOptions(hostId))
  const rows = [...(nodes.data ?? [])].sort((a, b) => a.hostname.localeCompare(b.hostname))
  return (
    <ResourceBody
      query={nodes}
      rows={rows}
      columns={nodeColumns}
      label="Nodes"
      keyOf={(n) => n.id}
      empty="No nodes"
    />
  )
}
