import type { StackDetails } from '@harbormaster/contract'
import { Link } from 'wouter'
import { Badge, Card, EmptyState, layout, Row, texts } from '../ui/index.ts'

/**
 * A swarm stack's services, each linking to its service page (tasks, scale, rollback, logs).
 * A stack `docker stack deploy` made has no file here: its services are all there is to show.
 */
export function SwarmServicesList({ hostId, stack }: { hostId: string; stack: StackDetails }) {
  const servicesHref = `/hosts/${encodeURIComponent(hostId)}/swarm/services`
  return (
    <div className={layout.page}>
      {stack.origin === 'cli' && (
        <Card title="Deployed by docker stack deploy">
          <p className={texts.muted}>
            Harbormaster does not hold this stack&apos;s file: its services are found by their
            com.docker.stack.namespace label. Scale or update them on their pages, or remove the
            whole stack.
          </p>
        </Card>
      )}
      {stack.services.length === 0 ? (
        <EmptyState title="No services">
          <p>
            {stack.origin === 'managed'
              ? 'This swarm stack is saved but not deployed: deploy it to create its services.'
              : 'The stack has no services left.'}
          </p>
        </EmptyState>
      ) : (
        stack.services.map((service) => {
          const swarm = service.swarm
          return (
            <Card key={service.name} title={service.name}>
              <Row label="Service">
                {swarm ? (
                  <Link
                    href={`${servicesHref}/${encodeURIComponent(swarm.id)}`}
                    className={layout.strongLink}
                  >
                    {swarm.name}
                  </Link>
                ) : (
                  '—'
                )}
              </Row>
              <Row label="Image">
                <span className={texts.mono}>{service.image ?? '—'}</span>
              </Row>
              <Row label="Tasks">
                {swarm ? (
                  <Badge tone={swarm.running >= swarm.desired ? 'ok' : 'warn'}>
                    {swarm.running}/{swarm.desired} running
                  </Badge>
                ) : (
                  '—'
                )}
                {swarm && <span className={texts.muted}> {swarm.mode}</span>}
              </Row>
            </Card>
          )
        })
      )}
    </div>
  )
}
