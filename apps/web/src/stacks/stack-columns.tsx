import type { StackStamp, StackSummary } from '@harbormaster/contract'
import { Link } from 'wouter'
import { PortLinks } from '../containers/index.ts'
import { Badge, type Column, layout, texts, TimeAgo } from '../ui/index.ts'
import { StackUpdateBadge } from '../updates/index.ts'
import { ORIGIN_LABEL, STATUS_TONE, statusText } from './stack-view.ts'

export function stackColumns(hostId: string, hostAddress: string): Column<StackSummary>[] {
  const base = `/hosts/${encodeURIComponent(hostId)}/stacks`
  return [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(9rem, 1.6fr)',
      cell: (s) => (
        <span className={layout.nameCell}>
          <Link href={`${base}/${encodeURIComponent(s.name)}`} className={layout.strongLink}>
            {s.name}
          </Link>
          <span className={layout.badges}>
            <OriginBadge origin={s.origin} target={s.target} />
            <StackUpdateBadge stack={s} />
          </span>
        </span>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      width: '9rem',
      cell: (s) => <StatusBadge stack={s} />,
    },
    {
      id: 'services',
      header: 'Services',
      width: 'minmax(8rem, 2fr)',
      hideOnPhone: true,
      cell: (s) => (
        <span className={texts.truncate} title={s.services.map((v) => v.name).join(', ')}>
          {s.services.length === 0 ? (
            <span className={texts.muted}>—</span>
          ) : (
            s.services.map((v) => `${v.name} ${v.running}/${v.total}`).join(' · ')
          )}
        </span>
      ),
    },
    {
      id: 'ports',
      header: 'Ports',
      width: 'minmax(6rem, 1fr)',
      hideOnPhone: true,
      cell: (s) => <PortLinks ports={s.ports} hostAddress={hostAddress} />,
    },
    {
      id: 'deployed',
      header: 'Last deploy',
      width: 'minmax(8rem, 1fr)',
      hideOnPhone: true,
      cell: (s) => <Stamp stamp={s.deployed} />,
    },
  ]
}

/** Who made the stack; a swarm stack says so (the CLI's is `docker stack deploy`'s). */
export function OriginBadge({
  origin,
  target,
}: {
  origin: StackSummary['origin']
  target?: StackSummary['target']
}) {
  const swarm = target === 'swarm'
  const label = swarm && origin === 'cli' ? 'docker stack' : ORIGIN_LABEL[origin]
  return (
    <>
      <Badge tone={origin === 'managed' ? 'info' : 'muted'}>{label}</Badge>
      {swarm && <Badge tone="info">Swarm</Badge>}
    </>
  )
}

export function StatusBadge({
  stack,
}: {
  stack: Pick<StackSummary, 'status' | 'running' | 'total'>
}) {
  return <Badge tone={STATUS_TONE[stack.status]}>{statusText(stack)}</Badge>
}

/** "5 minutes ago by alice (v3)", or a dash when it never happened. */
export function Stamp({ stamp }: { stamp: StackStamp | undefined }) {
  if (!stamp) return <span className={texts.muted}>—</span>
  return (
    <span className={texts.truncate}>
      <TimeAgo value={stamp.at} /> by {stamp.by}{' '}
      <span className={texts.muted}>v{stamp.version}</span>
    </span>
  )
}
