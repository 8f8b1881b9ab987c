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
  return placedContainerColumns<ContainerSummary>({
    place: () => ({ hostId: options.hostId, hostAddress: options.hostAddress }),
    keyOf: (c) => c.id,
    selectable: options.selectable,
    selection: options.selection,
  })
}

/**
 * The containers table's columns for rows that may live on different hosts (the list across
 * hosts): `place` says where a row lives, `keyOf` names it uniquely for the selection, `extra`
 * columns follow the name, `canSelect` leaves rows the user may not change unselectable.
 */
export function placedContainerColumns<T extends ContainerSummary>(options: {
  place: (c: T) => { hostId: string; hostAddress: string }
  keyOf: (c: T) => string
  selectable: boolean
  selection: ColumnSelection
  extra?: Column<T>[]
  canSelect?: (c: T) => boolean
  selectLabel?: (c: T) => string
}): Column<T>[] {
  const { place } = options
  const columns: Column<T>[] = [
    nameColumn((c) => `/hosts/${encodeURIComponent(place(c).hostId)}/containers`),
    ...(options.extra ?? []),
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
          <UpdateBadge hostId={place(c).hostId} containerId={c.id} />
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
      cell: (c) => <PortLinks ports={c.ports} hostAddress={place(c).hostAddress} />,
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
  return options.selectable ? [selectColumn(options), ...columns] : columns
}

function nameColumn<T extends ContainerSummary>(base: (c: T) => string): Column<T> {
  return {
    id: 'name',
    header: 'Name',
    width: 'minmax(9rem, 2fr)',
    sortable: true,
    cell: (c) => (
      <span className={layout.nameCell}>
        <Link href={`${base(c)}/${encodeURIComponent(c.id)}`} className={layout.strongLink}>
          {displayName(c.name)}
        </Link>
        <ShortId id={c.id} />
      </span>
    ),
  }
}

function selectColumn<T extends ContainerSummary>(options: {
  keyOf: (c: T) => string
  selection: ColumnSelection
  canSelect?: (c: T) => boolean
  selectLabel?: (c: T) => string
}): Column<T> {
  const { keyOf, selection } = options
  return {
    id: 'select',
    header: <SelectAllBox state={selection.allState} onToggle={selection.toggleAllShown} />,
    width: '2.25rem',
    cell: (c) => (
      <input
        type="checkbox"
        aria-label={options.selectLabel?.(c) ?? `Select ${displayName(c.name)}`}
        disabled={options.canSelect?.(c) === false}
        checked={selection.isSelected(keyOf(c))}
        onChange={() => {
          selection.toggle(keyOf(c))
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
