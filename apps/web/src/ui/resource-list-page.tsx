import type { UseQueryResult } from '@tanstack/react-query'
import { useRef, useState, type ReactNode } from 'react'
import { Button } from './button.tsx'
import type { Column } from './data-table.tsx'
import { ResourceBody } from './resource-body.tsx'
import { useSlashFocus } from './use-slash-focus.ts'

/**
 * The page every simple resource list shares (networks, volumes): a heading, Create and Prune for
 * those who may change things, a search box (`/` focuses it), the table and the create dialog.
 */
export function ResourceListPage<T>({
  title,
  mayChange,
  query,
  rows,
  columns,
  keyOf,
  search,
  onSearch,
  filters,
  onPrune,
  isPruning,
  createDialog,
}: {
  title: string
  mayChange: boolean
  query: UseQueryResult
  rows: T[]
  columns: Column<T>[]
  keyOf: (row: T) => string
  search: string
  onSearch: (value: string) => void
  /** Filters beside the search box. */
  filters?: ReactNode
  onPrune: () => void
  isPruning: boolean
  /** The create dialog, given a way to close itself. */
  createDialog: (close: () => void) => ReactNode
}) {
  const [creating, setCreating] = useState(false)
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)
  const noun = title.toLowerCase()
  return (
    <section className="page">
      <div className="page-head">
        <h1>{title}</h1>
        {mayChange && (
          <span className="actions">
            <Button
              variant="primary"
              onClick={() => {
                setCreating(true)
              }}
            >
              Create
            </Button>
            <Button busy={isPruning} onClick={onPrune}>
              Prune unused
            </Button>
          </span>
        )}
      </div>
      <div className="filters">
        <input
          ref={searchRef}
          type="search"
          className="search"
          placeholder="Search (press /)"
          aria-label={`Search ${noun}`}
          value={search}
          onChange={(e) => {
            onSearch(e.target.value)
          }}
        />
        {filters}
      </div>
      <ResourceBody
        query={query}
        rows={rows}
        columns={columns}
        label={title}
        keyOf={keyOf}
        empty={`No ${noun} match`}
      />
      {creating &&
        createDialog(() => {
          setCreating(false)
        })}
    </section>
  )
}

/** The trailing Remove column, only for those who may change things. */
export function withRemoveColumn<T>(
  columns: Column<T>[],
  options: {
    mayChange: boolean
    onRemove: (row: T) => Promise<void>
    /** False for rows the engine will not remove (the predefined networks). */
    isRemovable?: (row: T) => boolean
  },
): Column<T>[] {
  if (!options.mayChange) return columns
  const removable = options.isRemovable ?? (() => true)
  return [
    ...columns,
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      width: '6rem',
      cell: (row) =>
        removable(row) ? (
          <Button variant="danger" onClick={() => void options.onRemove(row)}>
            Remove
          </Button>
        ) : null,
    },
  ]
}
