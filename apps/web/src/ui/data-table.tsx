import { useVirtualizer } from '@tanstack/react-virtual'
import { clsx } from 'clsx'
import { useRef, type CSSProperties, type ReactNode } from 'react'
import texts from './text.module.css'
import styles from './data-table.module.css'

export interface Column<T> {
  id: string
  header: ReactNode
  cell: (row: T) => ReactNode
  /** A CSS grid track, e.g. `minmax(8rem, 2fr)` or `6rem`. */
  width: string
  sortable?: boolean
  /** Hidden below 700 px wide. */
  hideOnPhone?: boolean
}

export type TableItem<T> =
  { type: 'row'; key: string; row: T } | { type: 'group'; key: string; label: ReactNode }

export interface SortState {
  column: string
  descending: boolean
}

const ROW_HEIGHT = 44
const GROUP_HEIGHT = 34

/**
 * A virtualised table: only the rows in view are in the DOM, so 1,000+ containers scroll
 * smoothly. Rows are keyed by id, so an update from an event keeps the scroll position.
 */
export function DataTable<T>({
  columns,
  items,
  label,
  sort,
  onSort,
  isSelected,
}: {
  columns: Column<T>[]
  items: TableItem<T>[]
  label: string
  sort?: SortState
  onSort?: (column: string) => void
  isSelected?: (row: T) => boolean
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // The rule reports that the React Compiler would leave this component unmemoised, since the
  // virtualizer's methods return values it mutates inside; that is right, and we do not run the
  // compiler. TanStack Virtual stays: hand-written scroll maths would be the worse trade.
  // eslint-disable-next-line react-hooks/incompatible-library -- informational, see above
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.type === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => items[i]?.key ?? i,
    overscan: 10,
  })
  const template = columns.map((c) => c.width).join(' ')
  const phoneTemplate = columns
    .filter((c) => !c.hideOnPhone)
    .map((c) => c.width)
    .join(' ')
  const style = { '--cols': template, '--cols-phone': phoneTemplate } as CSSProperties
  return (
    <div
      className={styles.table}
      role="table"
      aria-label={label}
      aria-rowcount={items.length}
      style={style}
    >
      <div className={styles.head} role="row">
        {columns.map((col) => (
          <HeaderCell key={col.id} column={col} sort={sort} onSort={onSort} />
        ))}
      </div>
      <div className={styles.body} ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]
            if (!item) return null
            const position: CSSProperties = {
              transform: `translateY(${v.start}px)`,
              height: v.size,
            }
            if (item.type === 'group') {
              return (
                <div key={v.key} className={styles.group} role="row" style={position}>
                  <div role="cell">{item.label}</div>
                </div>
              )
            }
            return (
              <BodyRow
                key={v.key}
                columns={columns}
                row={item.row}
                index={v.index}
                style={position}
                selected={isSelected?.(item.row)}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}

function BodyRow<T>({
  columns,
  row,
  index,
  style,
  selected,
}: {
  columns: Column<T>[]
  row: T
  index: number
  style: CSSProperties
  selected: boolean | undefined
}) {
  return (
    <div
      className={clsx(styles.row, selected && styles.selected)}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      style={style}
    >
      {columns.map((col) => (
        <div
          key={col.id}
          role="cell"
          className={clsx(styles.cell, col.hideOnPhone === true && texts.hidePhone)}
        >
          {col.cell(row)}
        </div>
      ))}
    </div>
  )
}

function HeaderCell<T>({
  column,
  sort,
  onSort,
}: {
  column: Column<T>
  sort: SortState | undefined
  onSort: ((column: string) => void) | undefined
}) {
  const className = clsx(styles.cell, column.hideOnPhone === true && texts.hidePhone)
  if (!column.sortable || !onSort) {
    return (
      <div role="columnheader" className={className}>
        {column.header}
      </div>
    )
  }
  const active = sort?.column === column.id
  const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none'
  return (
    <div role="columnheader" className={className} aria-sort={ariaSort}>
      <button
        type="button"
        className={styles.sortBtn}
        onClick={() => {
          onSort(column.id)
        }}
      >
        {column.header}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </div>
  )
}
