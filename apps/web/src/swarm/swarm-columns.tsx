import type { SwarmNode, SwarmService, SwarmTask } from '@harbormaster/contract'
import { Badge, type Column, layout, ShortId, texts, TimeAgo, type Tone } from '../ui/index.ts'
import { UpdateBadge } from '../updates/index.ts'
import { NodeLink } from './nodes/node-link.tsx'
import { ServiceLink } from './service-page/service-link.tsx'
import { replicasText } from './swarm-view.ts'

/** `docker service ls`: replicas as running/desired, like the CLI; an image update's badge. */
export const serviceColumns = (hostId: string): Column<SwarmService>[] => [
  {
    id: 'name',
    header: 'Name',
    width: 'minmax(8rem, 2fr)',
    cell: (s) => (
      <span className={layout.badges}>
        <ServiceLink service={s} />
        <UpdateBadge hostId={hostId} serviceId={s.id} />
      </span>
    ),
  },
  { id: 'mode', header: 'Mode', width: '7rem', hideOnPhone: true, cell: (s) => s.mode },
  {
    id: 'replicas',
    header: 'Replicas',
    width: '6rem',
    cell: replicasText,
  },
  {
    id: 'image',
    header: 'Image',
    width: 'minmax(8rem, 2fr)',
    hideOnPhone: true,
    cell: (s) => (
      <code className={texts.truncate} title={s.image}>
        {s.image.replace(/@sha256:.*/, '')}
      </code>
    ),
  },
  {
    id: 'ports',
    header: 'Ports',
    width: 'minmax(6rem, 1fr)',
    hideOnPhone: true,
    cell: (s) =>
      s.ports
        .map(
          (p) =>
            `${p.publishedPort ?? ''}${p.publishedPort ? '→' : ''}${p.targetPort}/${p.protocol}`,
        )
        .join(', ') || '—',
  },
  {
    id: 'updated',
    header: 'Updated',
    width: '8rem',
    hideOnPhone: true,
    cell: (s) => <TimeAgo value={s.updatedAt} />,
  },
]

const TASK_TONES: Record<string, Tone> = {
  running: 'ok',
  complete: 'info',
  failed: 'bad',
  rejected: 'bad',
  shutdown: 'muted',
}

/** `docker service ps`, with the service and node named rather than by id. */
export function taskColumns(
  serviceName: (id: string) => string,
  nodeName: (id: string | undefined) => string,
): Column<SwarmTask>[] {
  return [
    {
      id: 'task',
      header: 'Task',
      width: 'minmax(8rem, 2fr)',
      cell: (t) => (
        <span className={layout.nameCell}>
          <strong className={texts.truncate}>
            {serviceName(t.serviceId)}
            {t.slot === undefined ? '' : `.${t.slot}`}
          </strong>
          <ShortId id={t.id} />
        </span>
      ),
    },
    {
      id: 'state',
      header: 'State',
      width: '7rem',
      cell: (t) => <Badge tone={TASK_TONES[t.state] ?? 'warn'}>{t.state}</Badge>,
    },
    {
      id: 'desired',
      header: 'Desired',
      width: '6rem',
      hideOnPhone: true,
      cell: (t) => t.desiredState,
    },
    {
      id: 'node',
      header: 'Node',
      width: 'minmax(6rem, 1fr)',
      hideOnPhone: true,
      cell: (t) => nodeName(t.nodeId),
    },
    {
      id: 'message',
      header: 'Message',
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

/** `docker node ls`. */
export const nodeColumns: Column<SwarmNode>[] = [
  {
    id: 'hostname',
    header: 'Hostname',
    width: 'minmax(8rem, 2fr)',
    cell: (n) => (
      <span className={layout.nameCell}>
        <NodeLink node={n} />
        {/* Wrapped: a flex column's item is stretched, the badge inside it keeps its width. */}
        {n.leader && (
          <span>
            <Badge tone="info">leader</Badge>
          </span>
        )}
      </span>
    ),
  },
  { id: 'role', header: 'Role', width: '6rem', cell: (n) => n.role },
  {
    id: 'state',
    header: 'State',
    width: '6rem',
    cell: (n) => <Badge tone={n.state === 'ready' ? 'ok' : 'bad'}>{n.state}</Badge>,
  },
  {
    id: 'availability',
    header: 'Availability',
    width: '7rem',
    hideOnPhone: true,
    cell: (n) => <Badge tone={n.availability === 'active' ? 'ok' : 'warn'}>{n.availability}</Badge>,
  },
  {
    id: 'addr',
    header: 'Address',
    width: '8rem',
    hideOnPhone: true,
    cell: (n) => <code>{n.addr}</code>,
  },
  {
    id: 'engine',
    header: 'Engine',
    width: '6rem',
    hideOnPhone: true,
    cell: (n) => n.engineVersion ?? '—',
  },
]
