import type { NetworkDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'wouter'
import { canChange, useHost } from '../hosts/index.ts'
import {
  Badge,
  Card,
  ErrorState,
  KeyValues,
  layout,
  Row,
  ShortId,
  Spinner,
  texts,
  TimeAgo,
} from '../ui/index.ts'
import { acceptsConnections } from './attachments.ts'
import { AttachedContainers } from './attached-containers.tsx'
import { ConnectForm } from './connect-form.tsx'
import { networkDetailOptions } from './queries.ts'

/** `docker network inspect`, readable, with connect and disconnect for those who may. */
export function NetworkPage() {
  const { hostId, id } = useParams<{ hostId: string; id: string }>()
  const mayChange = canChange(useHost(hostId))
  const detail = useQuery(networkDetailOptions(hostId, id))
  const back = (
    <Link href={`/hosts/${encodeURIComponent(hostId)}/networks`} className={layout.backLink}>
      ← Networks
    </Link>
  )
  if (detail.isPending) return <Spinner label="Loading network…" />
  if (detail.isError)
    return (
      <section className={layout.page}>
        {back}
        <ErrorState
          title="Could not open this network"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </section>
    )
  const n = detail.data
  return (
    <section className={layout.page}>
      {back}
      <div className={layout.pageHead}>
        <h1 className={texts.truncate}>{n.name}</h1>
        <ShortId id={n.id} />
        {n.internal && <Badge tone="warn">internal</Badge>}
        {n.predefined && <Badge>predefined</Badge>}
      </div>
      <div className={layout.overviewGrid}>
        <NetworkCard network={n} />
        <IpamCard network={n} />
        <Card title="Labels">
          <KeyValues values={n.labels} />
        </Card>
        <Card title="Driver options">
          <KeyValues values={n.options} />
        </Card>
      </div>
      <Card title="Containers">
        {mayChange && acceptsConnections(n.driver) && <ConnectForm hostId={hostId} network={n} />}
        <AttachedContainers hostId={hostId} network={n} mayChange={mayChange} />
      </Card>
    </section>
  )
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no')

function NetworkCard({ network: n }: { network: NetworkDetails }) {
  return (
    <Card title="Network">
      <Row label="Driver">{n.driver}</Row>
      <Row label="Scope">{n.scope}</Row>
      <Row label="Internal">{yesNo(n.internal)}</Row>
      <Row label="Attachable">{yesNo(n.attachable)}</Row>
      <Row label="IPv6">{yesNo(n.enableIPv6)}</Row>
      {n.ingress && <Row label="Ingress">yes</Row>}
      <Row label="Created">{n.created === undefined ? '—' : <TimeAgo value={n.created} />}</Row>
    </Card>
  )
}

function IpamCard({ network: n }: { network: NetworkDetails }) {
  return (
    <Card title="IP addressing">
      {n.ipam.length === 0 ? (
        <p className={texts.muted}>No subnet configured.</p>
      ) : (
        n.ipam.map((config, i) => (
          <div key={`${config.subnet ?? ''}-${i}`}>
            <Row label="Subnet">{config.subnet ?? '—'}</Row>
            <Row label="Gateway">{config.gateway ?? '—'}</Row>
            {config.ipRange !== undefined && <Row label="IP range">{config.ipRange}</Row>}
          </div>
        ))
      )}
    </Card>
  )
}
