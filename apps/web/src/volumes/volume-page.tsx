import type { VolumeDetails } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'wouter'
import {
  Card,
  CopyButton,
  ErrorState,
  KeyValues,
  layout,
  Row,
  Spinner,
  texts,
  TimeAgo,
} from '../ui/index.ts'
import { volumeDetailOptions } from './queries.ts'

/** `docker volume inspect`, readable: where it lives, how it was made, who mounts it. */
export function VolumePage() {
  const { hostId, name } = useParams<{ hostId: string; name: string }>()
  const detail = useQuery(volumeDetailOptions(hostId, name))
  const back = (
    <Link href={`/hosts/${encodeURIComponent(hostId)}/volumes`} className={layout.backLink}>
      ← Volumes
    </Link>
  )
  if (detail.isPending) return <Spinner label="Loading volume…" />
  if (detail.isError)
    return (
      <section className={layout.page}>
        {back}
        <ErrorState
          title="Could not open this volume"
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </section>
    )
  const v = detail.data
  return (
    <section className={layout.page}>
      {back}
      <div className={layout.pageHead}>
        <h1 className={texts.truncate}>{v.name}</h1>
      </div>
      <div className={layout.overviewGrid}>
        <Card title="Volume">
          <Row label="Driver">{v.driver}</Row>
          <Row label="Scope">{v.scope}</Row>
          <Row label="Mountpoint">
            <code className={texts.wrap}>{v.mountpoint}</code>
            <CopyButton value={v.mountpoint} label="Copy mountpoint" />
          </Row>
          <Row label="Created">
            <TimeAgo value={v.createdAt} />
          </Row>
        </Card>
        <VolumeUsers hostId={hostId} volume={v} />
        <Card title="Labels">
          <KeyValues values={v.labels} />
        </Card>
        <Card title="Driver options">
          <KeyValues values={v.options} />
        </Card>
      </div>
    </section>
  )
}

function VolumeUsers({ hostId, volume }: { hostId: string; volume: VolumeDetails }) {
  return (
    <Card title="Used by">
      {volume.containers.length === 0 ? (
        <p className={texts.muted}>No container mounts this volume.</p>
      ) : (
        <ul className={texts.plain}>
          {volume.containers.map((c) => (
            <li key={`${c.id}-${c.destination}`}>
              <Link
                href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(c.id)}`}
              >
                {c.name.replace(/^\//, '')}
              </Link>{' '}
              <code className={texts.wrap}>
                → {c.destination}
                {c.readWrite ? '' : ' (read-only)'}
              </code>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
