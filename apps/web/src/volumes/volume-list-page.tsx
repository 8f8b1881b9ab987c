import type { VolumeSummary } from '@harbormaster/contract'
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
  texts,
  TimeAgo,
  useResourceActions,
  withRemoveColumn,
} from '../ui/index.ts'
import { CreateVolumeDialog } from './create-volume-dialog.tsx'
import { pruneVolumes, removeVolume, volumeKeys, volumeListOptions } from './queries.ts'

export function VolumeListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const mayChange = canChange(useHost(hostId))
  const list = useQuery(volumeListOptions(hostId))
  const [q, setQ] = useUrlParam('q')
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
    remove: (v) => removeVolume(hostId, v.name),
    prune: () => pruneVolumes(hostId),
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
    <ResourceListPage
      title="Volumes"
      mayChange={mayChange}
      query={list}
      rows={rows}
      total={list.data?.length}
      columns={withRemoveColumn(volumeColumns(hostId), {
        mayChange,
        onRemove: actions.handleRemove,
      })}
      keyOf={(v) => v.name}
      search={q}
      onSearch={setQ}
      filters={
        <label className={layout.check}>
          <input
            type="checkbox"
            checked={unused === '1'}
            onChange={(e) => {
              setUnused(e.target.checked ? '1' : '')
            }}
          />{' '}
          Unused only
        </label>
      }
      onPrune={() => void actions.handlePrune(undefined)}
      isPruning={actions.isPruning}
      createDialog={(close) => <CreateVolumeDialog hostId={hostId} onClose={close} />}
    />
  )
}

function volumeColumns(hostId: string): Column<VolumeSummary>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(8rem, 3fr)',
      cell: (v) => (
        <Link
          className={clsx(layout.strongLink, texts.truncate)}
          title={v.name}
          href={`/hosts/${encodeURIComponent(hostId)}/volumes/${encodeURIComponent(v.name)}`}
        >
          {v.name}
        </Link>
      ),
    },
    { id: 'driver', header: 'Driver', width: '6rem', hideOnPhone: true, cell: (v) => v.driver },
    {
      id: 'used',
      header: 'Used by',
      width: 'minmax(8rem, 2fr)',
      cell: (v) =>
        v.containers.length === 0 ? (
          <span className={texts.muted}>unused</span>
        ) : (
          <span className={texts.truncate}>
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
}
