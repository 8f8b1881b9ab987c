import type { ServiceDetails, ServiceUpdateStatus, SwarmService } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams, useRoute } from 'wouter'
import { canChange, useHost } from '../../hosts/index.ts'
import {
  Badge,
  Card,
  ErrorState,
  layout,
  Row,
  ShortId,
  Spinner,
  Tabs,
  texts,
  TimeAgo,
} from '../../ui/index.ts'
import { swarmNodesOptions, swarmServicesOptions } from '../queries.ts'
import { ServiceUpdateButton, UpdateBadge } from '../../updates/index.ts'
import { ServiceActions } from './service-actions.tsx'
import { ServiceLogsTab } from './service-logs-tab.tsx'
import { serviceDetailsOptions } from './service-queries.ts'
import { ServiceTasksPanel } from './service-tasks-panel.tsx'
import { portsText, replicaCounts, updateWording } from './service-view.ts'
import { type LiveTasks, useServiceTasks } from './use-service-tasks.ts'

/**
 * `/hosts/:hostId/swarm/services/:id` (and `…/logs`): one service, its tasks by node live during a
 * rolling update (pushed by the server, never polled here), its update status said plainly, the
 * changes an operator may make, and its tasks' logs merged.
 */
export function ServicePage() {
  const { hostId, id } = useParams<{ hostId: string; id: string }>()
  // Two routes rather than `/:tab?`, which would also take the edit page's `…/edit`.
  const [onLogs] = useRoute('/hosts/:hostId/swarm/services/:id/logs')
  const tab = onLogs ? 'logs' : 'tasks'
  const host = useHost(hostId)
  const details = useQuery(serviceDetailsOptions(hostId, id))
  const services = useQuery(swarmServicesOptions(hostId))
  const nodes = useQuery(swarmNodesOptions(hostId))
  const live = useServiceTasks(hostId, details.data?.id)
  const swarmBase = `/hosts/${encodeURIComponent(hostId)}/swarm`
  const back = (
    <Link href={`${swarmBase}/services`} className={layout.backLink}>
      ← Services
    </Link>
  )
  if (details.isPending) return <Spinner label="Loading service…" />
  if (details.isError)
    return (
      <section className={layout.page}>
        {back}
        <ErrorState
          title="Could not open this service"
          error={details.error}
          onRetry={() => void details.refetch()}
        />
      </section>
    )
  const d = details.data
  const name = d.settings.name
  const listed = services.data?.find((s) => s.id === d.id)
  const base = `${swarmBase}/services/${encodeURIComponent(id)}`
  return (
    <section className={layout.page}>
      {back}
      <div className={layout.pageHead}>
        <h1 className={texts.truncate}>{name}</h1>
        <ShortId id={d.id} />
        <UpdateBadge hostId={hostId} serviceId={d.id} />
        {canChange(host) && <ServiceUpdateButton hostId={hostId} serviceId={d.id} name={name} />}
        {canChange(host) && <ServiceActions hostId={hostId} name={name} details={d} />}
      </div>
      <ServiceSummary details={d} listed={listed} live={live} />
      <Tabs
        label="Service views"
        current={tab}
        items={[
          { id: 'tasks', label: 'Tasks', href: base },
          { id: 'logs', label: 'Logs', href: `${base}/logs` },
        ]}
      />
      <div className={layout.tabPanel}>
        {tab === 'logs' ? (
          <ServiceLogsTab hostId={hostId} serviceId={d.id} serviceName={name} tty={false} />
        ) : (
          <ServiceTasksPanel
            serviceName={name}
            snapshot={live.snapshot}
            status={live.status}
            error={live.error}
            nodes={nodes.data ?? []}
          />
        )}
      </div>
    </section>
  )
}

function ServiceSummary({
  details,
  listed,
  live,
}: {
  details: ServiceDetails
  listed: SwarmService | undefined
  live: LiveTasks
}) {
  const mode = details.settings.mode
  const counts = live.snapshot && replicaCounts(live.snapshot.tasks, details.settings)
  // The live answer is the newer one; the details' until the first arrives.
  const updateStatus = live.snapshot ? live.snapshot.updateStatus : details.updateStatus
  return (
    <Card title="Summary">
      <Row label="Image">
        <code className={texts.truncate} title={details.settings.image}>
          {details.settings.image.replace(/@sha256:.*/, '')}
        </code>
      </Row>
      <Row label="Mode">{mode && 'global' in mode ? 'global' : 'replicated'}</Row>
      <Row label="Replicas">
        <span aria-label="Replicas running of desired">
          {counts ? `${counts.running}/${counts.desired}` : '…'}
        </span>
      </Row>
      <Row label="Ports">{listed ? portsText(listed.ports) : '…'}</Row>
      <Row label="Update">
        {updateStatus ? <UpdateStatusLine status={updateStatus} /> : 'Never updated'}
      </Row>
      <Row label="Changed">
        <TimeAgo value={details.updatedAt} />
      </Row>
    </Card>
  )
}

function UpdateStatusLine({ status }: { status: ServiceUpdateStatus }) {
  const wording = updateWording(status)
  return (
    <span data-update-state={status.state}>
      <Badge tone={wording.tone}>{wording.label}</Badge> {wording.meaning}
      {status.message !== undefined && (
        <>
          {' '}
          <span className={texts.muted}>The engine says: “{status.message}”</span>
        </>
      )}
    </span>
  )
}
