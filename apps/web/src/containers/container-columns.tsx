import type { ContainerSummary } from '@harbormaster/contract'
import { useEffect, useRef } from 'react'
import { Link } from 'wouter'
import { type Column, layout, ShortId, texts, TimeAgo } from '../ui/index.ts'
import { UpdateBadge } from '../updates/index.ts'
import { displayName } from './container-view.ts'
import { PortLinks } from './port-links.tsx'
import { HealthBadge, StateBadge } from './state-badges.tsx'
import type { SelectAllState, ShownSelection } from './use-shown-selection.ts'

type ColumnSelection = Pick<ShownSelection, 'isSelected' | 'toggle' | 'allState' | 'toggleAllShown'>

export function containerColumns(options: {
  hostId: string
  hostAddress: string
  selectable: boolean
  selection: ColumnSelection
}): Column<ContainerSummary>[] {
  const base = `/hosts/${encodeURIComponent(options.hostId)}/containers`
  const columns: Column<ContainerSummary>[] = [
    nameColumn(base),
    {
      id: 'image',
      header: 'Image',
      width: 'minmax(8rem, 1.5fr)',
      sortable: true,
      hideOnPhone: true,
      cell: (c) => (
        <span className={texts.truncate} title={c.image}>
          {c.image}
        </span>
      ),
    },
    {
      id: 'state',
      header: 'State',
      width: '7.5rem',
      sortable: true,
      cell: (c) => (
        <span className={layout.badges}>
          <StateBadge state={c.state} />
          <HealthBadge health={c.health} />
          <UpdateBadge hostId={options.hostId} containerId={c.id} />
        </span>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      width: 'minmax(8rem, 1.2fr)',
      hideOnPhone: true,
      cell: (c) => (
        <span className={texts.truncate} title={c.status}>
          {c.status}
        </span>
      ),
    },
    {
      id: 'ports',
      header: 'Ports',
      width: 'minmax(6rem, 1fr)',
      hideOnPhone: true,
      cell: (c) => <PortLinks ports={c.ports} hostAddress={options.hostAddress} />,
    },
    {
      id: 'created',
      header: 'Created',
      width: '8rem',
      sortable: true,
      hideOnPhone: true,
      cell: (c) => <TimeAgo value={c.created} />,
    },
  ]
  return options.selectable ? [selectColumn(options.selection), ...columns] : columns
}

function nameColumn(base: string): Column<ContainerSummary> {
  return {
    id: 'name',
    header: 'Name',
    width: 'minmax(9rem, 2fr)',
    sortable: true,
    cell: (c) => (
      <span className={layout.nameCell}>
        <Link href={`${base}/${encodeURIComponent(c.id)}`} className={layout.strongLink}>
          {displayName(c.name)}
        </Link>
        <ShortId id={c.id} />
      </span>
    ),
  }
}

function selectColumn(selection: ColumnSelection): Column<ContainerSummary> {
  return {
    id: 'select',
    header: <SelectAllBox state={selection.allState} onToggle={selection.toggleAllShown} />,
    width: '2.25rem',
    cell: (c) => (
      <input
        type="checkbox"
        aria-label={`Select ${displayName(c.name)}`}
        checked={selection.isSelected(c.id)}
        onChange={() => {
          selection.toggle(c.id)
        }}
      />
    ),
  }
}

function SelectAllBox({ state, onToggle }: { state: SelectAllState; onToggle: () => void }) {
  const ref = useRef<HTMLInputElement>(null)
  // `indeterminate` is a DOM property only: React has no attribute for it.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some'
  }, [state])
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all shown containers"
      checked={state === 'all'}
      onChange={onToggle}
    />
  )
}
