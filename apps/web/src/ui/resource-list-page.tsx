import type { UseQueryResult } from '@tanstack/react-query'
import { useRef, useState, type ReactNode } from 'react'
import { Button } from './button.tsx'
import type { Column } from './data-table.tsx'
import { SearchBox } from './filter-controls.tsx'
import { ResourceBody } from './resource-body.tsx'
import { useSlashFocus } from './use-slash-focus.ts'
import layout from './layout.module.css'
import texts from './text.module.css'

/**
 * The page every simple resource list shares (networks, volumes): a heading, Create and Prune for
 * those who may change things, a search box (`/` focuses it), the table and the create dialog.
 */
export function ResourceListPage<T>({
  title,
  mayChange,
  query,
  rows,
  total,
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
  /** Rows before search and filters: none at all is said differently from none matching. */
  total: number | undefined
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
    <section className={layout.page}>
      <PageHead
        title={title}
        mayChange={mayChange}
        onCreate={() => {
          setCreating(true)
        }}
        onPrune={onPrune}
        isPruning={isPruning}
      />
      <div className={layout.filters}>
        <SearchBox
          inputRef={searchRef}
          label={`Search ${noun}`}
          value={search}
          onChange={onSearch}
        />
        {filters}
      </div>
      <ResourceBody
        query={query}
        rows={rows}
        columns={columns}
        label={title}
        keyOf={keyOf}
        empty={total === 0 ? `No ${noun} on this host` : `No ${noun} match`}
      />
      {creating &&
        createDialog(() => {
          setCreating(false)
        })}
    </section>
  )
}

function PageHead(props: {
  title: string
  mayChange: boolean
  onCreate: () => void
  onPrune: () => void
  isPruning: boolean
}) {
  return (
    <div className={layout.pageHead}>
      <h1>{props.title}</h1>
      {props.mayChange && (
        <span className={layout.actions}>
          <Button variant="primary" onClick={props.onCreate}>
            Create
          </Button>
          <Button busy={props.isPruning} onClick={props.onPrune}>
            Prune unused
          </Button>
        </span>
      )}
    </div>
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
      header: <span className={texts.srOnly}>Actions</span>,
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
