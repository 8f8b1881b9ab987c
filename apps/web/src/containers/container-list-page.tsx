import type { ContainerSummary } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { useMemo, useRef } from 'react'
import { Link, useParams } from 'wouter'
import { canChange, useHost } from '../hosts/index.ts'
import { buttonClass, EmptyState, layout, texts, useSlashFocus } from '../ui/index.ts'
import { CheckNowButton } from '../updates/index.ts'
import { BulkActions } from './bulk-actions.tsx'
import { containerColumns } from './container-columns.tsx'
import { ContainerFilters } from './container-filters.tsx'
import { ContainerTable } from './container-table.tsx'
import { buildContainerItems, displayName, nextSort, parseSort } from './container-view.ts'
import { containerListOptions } from './queries.ts'
import { useContainerView } from './use-container-view.ts'
import { useShownSelection } from './use-shown-selection.ts'

// One empty list for "not loaded yet", so the memo below sees the same array on every render.
const noContainers: readonly ContainerSummary[] = []

export function ContainerListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const host = useHost(hostId)
  const list = useQuery(containerListOptions(hostId))
  const { view, values, setters, sort, setSort } = useContainerView()
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)

  const containers = list.data ?? noContainers
  const items = useMemo(() => buildContainerItems(containers, view), [containers, view])
  const shownRows = items.flatMap((item) => (item.type === 'row' ? [item.row] : []))
  const selection = useShownSelection(shownRows.map((c) => c.id))
  const mayChange = canChange(host)
  const columns = containerColumns({
    hostId,
    hostAddress: host?.address ?? '',
    selectable: mayChange,
    selection,
  })
  // Only rows the filters show: never one they hide, nor one an event has removed meanwhile.
  const targets = shownRows
    .filter((c) => selection.isSelected(c.id))
    .map((c) => ({ hostId, id: c.id, name: displayName(c.name) }))

  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Containers</h1>
        {list.data && (
          <span className={texts.muted}>
            {list.data.filter((c) => c.state === 'running').length} running · {list.data.length}{' '}
            total
          </span>
        )}
        {mayChange && <CheckNowButton hostId={hostId} />}
        {mayChange && (
          <Link
            href={`/hosts/${encodeURIComponent(hostId)}/containers/new`}
            className={clsx(buttonClass('primary'), layout.pushEnd)}
          >
            Create container
          </Link>
        )}
      </div>
      <ContainerFilters
        containers={containers}
        searchRef={searchRef}
        values={values}
        setters={setters}
      />
      {mayChange && targets.length > 0 && (
        <BulkActions targets={targets} onDone={selection.clear} />
      )}
      <ContainerTable
        list={list}
        total={list.data?.length}
        items={items}
        label="Containers"
        empty={
          <EmptyState title="No containers on this host">
            <p>
              Create one from an image, or start one with the docker CLI: it appears here at once.
            </p>
          </EmptyState>
        }
        noMatch={
          <EmptyState title="No container matches these filters">
            Clear the search or filters.
          </EmptyState>
        }
        columns={columns}
        sort={parseSort(sort)}
        onSort={(column) => {
          setSort(nextSort(sort, column))
        }}
        isSelected={(c) => selection.isSelected(c.id)}
      />
    </section>
  )
}
