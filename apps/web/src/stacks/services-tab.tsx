import type { StackDetails, StackService } from '@harbormaster/contract'
import { Link } from 'wouter'
import { HealthBadge, PortLinks, StateBadge } from '../containers/index.ts'
import { Badge, Card, EmptyState, layout, Row, texts } from '../ui/index.ts'
import { StackUpdateBadge } from '../updates/index.ts'
import { ScaleForm } from './scale-form.tsx'
import { SwarmServicesList } from './swarm-services-list.tsx'

/** Scaling a service, where the stack may be scaled (a deployed managed stack, by operators). */
export interface ServiceScaling {
  /** Another operation runs: one at a time. */
  busy: boolean
  onScale: (service: string, replicas: number) => void
}

/** Each service with its containers, each linking to its container page. */
export function ServicesTab({
  hostId,
  hostAddress,
  stack,
  scaling,
}: {
  hostId: string
  hostAddress: string
  stack: StackDetails
  scaling?: ServiceScaling | undefined
}) {
  if (stack.target === 'swarm') return <SwarmServicesList hostId={hostId} stack={stack} />
  return (
    <div className={layout.page}>
      {stack.origin === 'cli' && <CliOrigin stack={stack} />}
      {stack.services.length === 0 ? (
        <EmptyState title="No containers">
          <p>
            {stack.origin === 'managed'
              ? 'This stack is saved but not deployed: deploy it to create its containers.'
              : 'The project has no containers left.'}
          </p>
        </EmptyState>
      ) : (
        stack.services.map((service) => (
          <ServiceCard
            key={service.name}
            hostId={hostId}
            hostAddress={hostAddress}
            service={service}
            stackHasContainers={stack.total > 0}
            scaling={scaling}
            updates={stack.updates}
          />
        ))
      )}
    </div>
  )
}

function CliOrigin({ stack }: { stack: StackDetails }) {
  return (
    <Card title="Started by the compose CLI">
      <p className={texts.muted}>
        Harbormaster does not hold this project&apos;s file: it can start, stop, restart, pull and
        take down its containers, and follow their logs.
      </p>
      <Row label="Config files">
        {stack.configFiles?.length ? (
          <span className={texts.mono}>{stack.configFiles.join(', ')}</span>
        ) : (
          '—'
        )}
      </Row>
      <Row label="Working directory">
        <span className={texts.mono}>{stack.workingDir ?? '—'}</span>
      </Row>
    </Card>
  )
}

function ServiceCard({
  hostId,
  hostAddress,
  service,
  stackHasContainers,
  scaling,
  updates,
}: {
  hostId: string
  hostAddress: string
  service: StackService
  /** The stack's services with an image update. */
  updates: readonly string[] | undefined
  /**
   * Whether the stack has containers: a service of its file with none is then scaled to 0;
   * otherwise the stack is not deployed (or was taken down) and nothing of it is created.
   */
  stackHasContainers: boolean
  scaling: ServiceScaling | undefined
}) {
  const running = service.containers.filter((c) => c.state === 'running').length
  const count = service.containers.length
  return (
    <Card
      title={service.name}
      action={
        <span className={layout.actions}>
          {count === 0 && (
            <Badge tone="muted">{stackHasContainers ? 'scaled to 0' : 'not created'}</Badge>
          )}
          <StackUpdateBadge stack={{ updates }} service={service.name} />
          <span className={texts.muted}>
            {service.image !== undefined && `${service.image} · `}
            {running}/{count} running
          </span>
          {scaling && (
            <ScaleForm
              // A new count (after a scale or deploy) starts the field again from it.
              key={count}
              service={service.name}
              count={count}
              disabled={scaling.busy}
              onScale={(replicas) => {
                scaling.onScale(service.name, replicas)
              }}
            />
          )}
        </span>
      }
    >
      {count === 0 ? (
        <p className={texts.muted}>
          {stackHasContainers
            ? `No container: the file asks for ${service.replicas ?? 1}; scale it to bring it back, or deploy again.`
            : 'No container: deploy the stack to create it.'}
        </p>
      ) : (
        <ContainerTable hostId={hostId} hostAddress={hostAddress} service={service} />
      )}
    </Card>
  )
}

function ContainerTable({
  hostId,
  hostAddress,
  service,
}: {
  hostId: string
  hostAddress: string
  service: StackService
}) {
  return (
    <table className={layout.simpleTable} aria-label={`Containers of ${service.name}`}>
      <thead>
        <tr>
          <th>Container</th>
          <th>State</th>
          <th>Status</th>
          <th>Ports</th>
        </tr>
      </thead>
      <tbody>
        {service.containers.map((c) => (
          <tr key={c.id}>
            <td>
              <Link
                href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(c.id)}`}
                className={layout.strongLink}
              >
                {c.name}
              </Link>
            </td>
            <td>
              <span className={layout.badges}>
                <StateBadge state={c.state} />
                <HealthBadge health={c.health} />
              </span>
            </td>
            <td>{c.status}</td>
            <td>
              <PortLinks ports={c.ports} hostAddress={hostAddress} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
