import type { ContainerSummary } from '@harbormaster/contract'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import {
  type Column,
  DataTable,
  ErrorState,
  RefreshFailed,
  Spinner,
  type TableItem,
  texts,
} from '../ui/index.ts'
import type { ContainerRowItem } from './container-view.ts'

/**
 * A containers table with its loading, failed, empty and no-match states: the per-host list and
 * the list across hosts show the same states the same way.
 */
export function ContainerTable<T extends ContainerSummary>({
  list,
  total,
  items,
  empty,
  noMatch,
  ...table
}: {
  list: UseQueryResult
  /** How many containers the list holds before filters; undefined while it loads. */
  total: number | undefined
  items: readonly ContainerRowItem<T>[]
  /** Shown when the list holds no container at all. */
  empty: ReactNode
  /** Shown when filters hide every container. */
  noMatch: ReactNode
  label: string
  columns: Column<T>[]
  sort: { column: string; descending: boolean }
  onSort: (column: string) => void
  isSelected: (c: T) => boolean
}) {
  const retry = () => void list.refetch()
  if (list.isPending) return <Spinner label="Loading containers…" />
  if (list.isLoadingError)
    return <ErrorState title="Could not list containers" error={list.error} onRetry={retry} />
  const stale = list.isRefetchError && <RefreshFailed error={list.error} onRetry={retry} />
  const shown = total === 0 ? empty : items.length === 0 ? noMatch : undefined
  return (
    <>
      {stale}
      {shown ?? <DataTable items={toContainerTableItems(items)} {...table} />}
    </>
  )
}

/** The table's rows, a compose project's group as a heading with how many of it run. */
function toContainerTableItems<T extends ContainerSummary>(
  items: readonly ContainerRowItem<T>[],
): TableItem<T>[] {
  return items.map((item) =>
    item.type === 'row'
      ? item
      : {
          type: 'group',
          key: item.key,
          label: (
            <span>
              <strong>{item.project === '' ? 'Not in a compose project' : item.project}</strong>{' '}
              <span className={texts.muted}>
                {item.running}/{item.count} running
              </span>
            </span>
          ),
        },
  )
}
