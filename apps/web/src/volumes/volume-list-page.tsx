import type { VolumeSummary } from '@harbormaster/contract'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import { useParams } from 'wouter'
import { useUrlParam } from '../app/url-state.ts'
import { CreateVolumeDialog } from './create-volume-dialog.tsx'
import { canChange, useHost } from '../hosts/index.ts'
import { api, unwrap } from '../platform/api-client.ts'
import {
  Button,
  ResourceBody,
  TimeAgo,
  useResourceActions,
  useSlashFocus,
  type Column,
} from '../ui/index.ts'

const volumeKeys = { all: (hostId: string) => ['hosts', hostId, 'volumes'] as const }

const volumeListOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...volumeKeys.all(hostId), 'list'],
    queryFn: ({ signal }) =>
      unwrap(api.hosts[':hostId'].volumes.$get({ param: { hostId } }, { init: { signal } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function VolumeListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const mayChange = canChange(useHost(hostId))
  const list = useQuery(volumeListOptions(hostId))
  const [q, setQ] = useUrlParam('q')
  const [creating, setCreating] = useState(false)
  const [unused, setUnused] = useUrlParam('unused')
  const actions = useResourceActions<VolumeSummary, undefined>({
    queryKey: volumeKeys.all(hostId),
    noun: 'volumes',
    nameOf: (v) => `volume ${v.name}`,
    describe: (v) => (
      <p>
        The volume <strong>{v.name}</strong> and all its data will be deleted.
      </p>
    ),
    remove: (v) =>
      unwrap(
        api.hosts[':hostId'].volumes[':name'].$delete({
          param: { hostId, name: v.name },
          query: {},
        }),
      ),
    prune: () =>
      unwrap(
        api.hosts[':hostId'].volumes.prune.$post({ param: { hostId }, query: { all: 'true' } }),
      ),
    pruneText: () => <p>Every volume no container uses will be deleted with its data.</p>,
  })
  const rows = useMemo(
    () =>
      (list.data ?? [])
        .filter(
          (v) =>
            v.name.toLowerCase().includes(q.toLowerCase()) &&
            (unused !== '1' || v.containers.length === 0),
        )
        .sort((a, b) => a.name.localeCompare(b.name)),
    [list.data, q, unused],
  )
  return (
    <section className="page">
      <div className="page-head">
        <h1>Volumes</h1>
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
      <VolumeFilters q={q} setQ={setQ} unused={unused} setUnused={setUnused} />
      <ResourceBody
        query={list}
        rows={rows}
        columns={volumeColumns(mayChange, actions.handleRemove)}
        label="Volumes"
        keyOf={(v) => v.name}
        empty="No volumes match"
      />
      {creating && (
        <CreateVolumeDialog
          hostId={hostId}
          onClose={() => {
            setCreating(false)
          }}
        />
      )}
    </section>
  )
}

function volumeColumns(
  mayChange: boolean,
  onRemove: (v: VolumeSummary) => Promise<void>,
): Column<VolumeSummary>[] {
  const columns: Column<VolumeSummary>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(10rem, 3fr)',
      cell: (v) => (
        <span className="truncate" title={v.name}>
          {v.name}
        </span>
      ),
    },
    { id: 'driver', header: 'Driver', width: '6rem', hideOnPhone: true, cell: (v) => v.driver },
    {
      id: 'used',
      header: 'Used by',
      width: 'minmax(8rem, 2fr)',
      cell: (v) =>
        v.containers.length === 0 ? (
          <span className="muted">unused</span>
        ) : (
          <span className="truncate">
            {v.containers.map((c) => c.name.replace(/^\//, '')).join(', ')}
          </span>
        ),
    },
    {
      id: 'created',
      header: 'Created',
      width: '8rem',
      hideOnPhone: true,
      cell: (v) => <TimeAgo value={v.createdAt} />,
    },
  ]
  if (!mayChange) return columns
  return [
    ...columns,
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      width: '6rem',
      cell: (v) => (
        <Button variant="danger" onClick={() => void onRemove(v)}>
          Remove
        </Button>
      ),
    },
  ]
}

function VolumeFilters({
  q,
  setQ,
  unused,
  setUnused,
}: {
  q: string
  setQ: (v: string) => void
  unused: string
  setUnused: (v: string) => void
}) {
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)
  return (
    <div className="filters">
      <input
        ref={searchRef}
        type="search"
        className="search"
        placeholder="Search (press /)"
        aria-label="Search volumes"
        value={q}
        onChange={(e) => {
          setQ(e.target.value)
        }}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={unused === '1'}
          onChange={(e) => {
            setUnused(e.target.checked ? '1' : '')
          }}
        />{' '}
        Unused only
      </label>
    </div>
  )
}
