import type { UseQueryResult } from '@tanstack/react-query'
import { DataTable, type Column } from './data-table.tsx'
import { EmptyState, ErrorState, RefreshFailed, Spinner } from './states.tsx'

/** Loading, error, empty or the table: the body every resource list shares. */
export function ResourceBody<T>({
  query,
  rows,
  columns,
  label,
  keyOf,
  empty,
}: {
  query: UseQueryResult
  rows: T[]
  columns: Column<T>[]
  label: string
  keyOf: (row: T) => string
  empty: string
}) {
  if (query.isPending) return <Spinner label={`Loading ${label.toLowerCase()}…`} />
  const retry = () => void query.refetch()
  if (query.isLoadingError) return <ErrorState error={query.error} onRetry={retry} />
  const stale = query.isRefetchError && <RefreshFailed error={query.error} onRetry={retry} />
  if (rows.length === 0)
    return (
      <>
        {stale}
        <EmptyState title={empty} />
      </>
    )
  return (
    <>
      {stale}
      <DataTable
        label={label}
        columns={columns}
        items={rows.map((row) => ({ type: 'row', key: keyOf(row), row }))}
      />
    </>
  )
}
