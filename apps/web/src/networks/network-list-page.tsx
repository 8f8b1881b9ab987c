import type { NetworkSummary } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { useMemo } from 'react'
import { Link, useParams } from 'wouter'
import { useUrlParam } from '../app/url-state.ts'
import { canChange, useHost } from '../hosts/index.ts'
import {
  type Column,
  layout,
  ResourceListPage,
  ShortId,
  texts,
  TimeAgo,
  useResourceActions,
  withRemoveColumn,
} from '../ui/index.ts'
import { CreateNetworkDialog } from './create-network-dialog.tsx'
import { networkKeys, networkListOptions, pruneNetworks, removeNetwork } from './queries.ts'

export function NetworkListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const mayChange = canChange(useHost(hostId))
  const list = useQuery(networkListOptions(hostId))
  const [q, setQ] = useUrlParam('q')
  const actions = useResourceActions<NetworkSummary, undefined>({
    queryKey: networkKeys.all(hostId),
    noun: 'networks',
    nameOf: (n) => `network ${n.name}`,
    describe: (n) => (
      <p>
        The network <strong>{n.name}</strong> will be removed.
      </p>
    ),
    remove: (n) => removeNetwork(hostId, n.id),
    prune: () => pruneNetworks(hostId),
    pruneText: () => <p>Every network no container uses will be removed.</p>,
  })
  const rows = useMemo(
    () =>
      (list.data ?? [])
        .filter((n) => n.name.toLowerCase().includes(q.toLowerCase()))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [list.data, q],
  )
  return (
    <ResourceListPage
      title="Networks"
      mayChange={mayChange}
      query={list}
      rows={rows}
      total={list.data?.length}
      columns={withRemoveColumn(networkColumns(hostId), {
        mayChange,
        onRemove: actions.handleRemove,
        isRemovable: (n) => !n.predefined,
      })}
      keyOf={(n) => n.id}
      search={q}
      onSearch={setQ}
      onPrune={() => void actions.handlePrune(undefined)}
      isPruning={actions.isPruning}
      createDialog={(close) => <CreateNetworkDialog hostId={hostId} onClose={close} />}
    />
  )
}

function networkColumns(hostId: string): Column<NetworkSummary>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(8rem, 2fr)',
      cell: (n) => (
        <span className={layout.nameCell}>
          <Link
            className={clsx(layout.strongLink, texts.truncate)}
            href={`/hosts/${encodeURIComponent(hostId)}/networks/${encodeURIComponent(n.id)}`}
          >
            {n.name}
          </Link>
          <ShortId id={n.id} />
        </span>
      ),
    },
    { id: 'driver', header: 'Driver', width: '6rem', hideOnPhone: true, cell: (n) => n.driver },
    { id: 'scope', header: 'Scope', width: '5rem', hideOnPhone: true, cell: (n) => n.scope },
    {
      id: 'subnet',
      header: 'Subnet',
      width: 'minmax(7rem, 1fr)',
      hideOnPhone: true,
      cell: (n) =>
        n.ipam
          .map((i) => i.subnet)
          .filter(Boolean)
          .join(', ') || '—',
    },
    { id: 'containers', header: 'Containers', width: '6rem', cell: (n) => n.containerCount },
    {
      id: 'created',
      header: 'Created',
      width: '8rem',
      hideOnPhone: true,
      cell: (n) => <TimeAgo value={n.created} />,
    },
  ]
}
