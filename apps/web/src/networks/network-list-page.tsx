import type { NetworkSummary } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import { useParams } from 'wouter'
import { useUrlParam } from '../app/url-state.ts'
import { CreateNetworkDialog } from './create-network-dialog.tsx'
import { canChange, useHost } from '../hosts/index.ts'
import {
  Button,
  ResourceBody,
  ShortId,
  TimeAgo,
  useResourceActions,
  useSlashFocus,
  type Column,
} from '../ui/index.ts'
import { networkKeys, networkListOptions, pruneNetworks, removeNetwork } from './queries.ts'

export function NetworkListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const mayChange = canChange(useHost(hostId))
  const list = useQuery(networkListOptions(hostId))
  const [q, setQ] = useUrlParam('q')
  const [creating, setCreating] = useState(false)
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)
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
    <section className="page">
      <div className="page-head">
        <h1>Networks</h1>
        {mayChange && (
          <Button
            variant="primary"
            onClick={() => {
              setCreating(true)
            }}
          >
            Create
          </Button>
        )}
        {mayChange && (
          <Button busy={actions.isPruning} onClick={() => void actions.handlePrune(undefined)}>
            Prune unused
          </Button>
        )}
      </div>
      <div className="filters">
        <input
          ref={searchRef}
          type="search"
          className="search"
          placeholder="Search (press /)"
          aria-label="Search networks"
          value={q}
          onChange={(e) => {
            setQ(e.target.value)
          }}
        />
      </div>
      <ResourceBody
        query={list}
        rows={rows}
        columns={networkColumns(mayChange, actions.handleRemove)}
        label="Networks"
        keyOf={(n) => n.id}
        empty="No networks match"
      />
      {creating && (
        <CreateNetworkDialog
          hostId={hostId}
          onClose={() => {
            setCreating(false)
          }}
        />
      )}
    </section>
  )
}

function networkColumns(
  mayChange: boolean,
  onRemove: (n: NetworkSummary) => Promise<void>,
): Column<NetworkSummary>[] {
  const columns: Column<NetworkSummary>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(8rem, 2fr)',
      cell: (n) => (
        <span className="name-cell">
          <strong>{n.name}</strong>
          <ShortId id={n.id} />
        </span>
      ),
    },
    { id: 'driver', header: 'Driver', width: '6rem', cell: (n) => n.driver },
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
  if (!mayChange) return columns
  return [
    ...columns,
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      width: '6rem',
      cell: (n) =>
        n.predefined ? null : (
          <Button variant="danger" onClick={() => void onRemove(n)}>
            Remove
          </Button>
        ),
    },
  ]
}
