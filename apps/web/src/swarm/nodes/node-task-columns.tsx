import type { SwarmTask } from '@harbormaster/contract'
import { Link } from 'wouter'
import { Badge, type Column, layout, ShortId, texts, TimeAgo, type Tone } from '../../ui/index.ts'

const TASK_TONES: Record<string, Tone> = {
  running: 'ok',
  complete: 'info',
  failed: 'bad',
  rejected: 'bad',
  shutdown: 'muted',
}

/** A node's tasks (`docker node ps`), each service name linking to its page. */
export function nodeTaskColumns(
  hostId: string,
  serviceName: (id: string) => string,
): Column<SwarmTask>[] {
  const servicePath = (id: string) =>
    `/hosts/${encodeURIComponent(hostId)}/swarm/services/${encodeURIComponent(id)}`
  return [
    {
      id: 'service',
      header: 'Service',
      width: 'minmax(8rem, 2fr)',
      cell: (t) => (
        <span className={layout.nameCell}>
          <Link href={servicePath(t.serviceId)} className={layout.strongLink}>
            {serviceName(t.serviceId)}
          </Link>
          <ShortId id={t.id} />
        </span>
      ),
    },
    { id: 'slot', header: 'Slot', width: '4rem', cell: (t) => t.slot ?? '—' },
    {
      id: 'state',
      header: 'State',
      width: '7rem',
      cell: (t) => <Badge tone={TASK_TONES[t.state] ?? 'warn'}>{t.state}</Badge>,
    },
    { id: 'desired', header: 'Desired', width: '6rem', cell: (t) => t.desiredState },
    {
      id: 'error',
      header: 'Error',
      width: 'minmax(8rem, 2fr)',
      hideOnPhone: true,
      cell: (t) => (
        <span className={texts.truncate} title={t.error ?? t.message}>
          {t.error ?? t.message}
        </span>
      ),
    },
    { id: 'since', header: 'Since', width: '8rem', cell: (t) => <TimeAgo value={t.timestamp} /> },
  ]
}
