import type { HostedContainer, HostListing } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useRef } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import { useHosts } from '../hosts/index.ts'
import {
  bannerClass,
  type Column,
  EmptyState,
  FilterPicker,
  layout,
  texts,
  useSlashFocus,
} from '../ui/index.ts'
import { BulkActions } from './bulk-actions.tsx'
import { placedContainerColumns } from './container-columns.tsx'
import { ContainerFilters } from './container-filters.tsx'
import { ContainerTable } from './container-table.tsx'
import { buildContainerItems, displayName, nextSort, parseSort } from './container-view.ts'
import { allHostsContainersOptions } from './queries.ts'
import { useContainerView } from './use-container-view.ts'
import { useShownSelection } from './use-shown-selection.ts'

const noContainers: readonly HostedContainer[] = []

/** A row's unique key: one engine may be registered under two host ids. */
const keyOf = (c: HostedContainer) => `${c.hostId}/${c.id}`

const hostColumn: Column<HostedContainer> = {
  id: 'host',
  header: 'Host',
  width: 'minmax(6rem, 1fr)',
  cell: (c) => (
    <span className={texts.truncate} title={c.hostId}>
      {c.hostName}
    </span>
  ),
}

/**
 * The containers of every host the user may see, in one table with a host column: the per-host
 * list's filters, plus the host; bulk actions on the rows of hosts where the user may change
 * things, each through its own host's routes.
 */
export function AllHostsContainersPage() {
  const list = useQuery(allHostsContainersOptions())
  const hosts = useHosts()
  const { view, values, setters, sort, setSort } = useContainerView()
  const [hostFilter, setHostFilter] = useUrlParam('host')
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)

  const listings = list.data?.hosts ?? []
  const mayChangeOn = (hostId: string) => {
    const role = listings.find((h) => h.id === hostId)?.role
    return role === 'operator' || role === 'admin'
  }
  const containers = list.data?.containers ?? noContainers
  const onHost = useMemo(
    () => (hostFilter === '' ? containers : containers.filter((c) => c.hostId === hostFilter)),
    [containers, hostFilter],
  )
  const items = useMemo(() => buildContainerItems(onHost, view, keyOf), [onHost, view])
  const shownRows = items.flatMap((item) => (item.type === 'row' ? [item.row] : []))
  const selectable = shownRows.filter((c) => mayChangeOn(c.hostId))
  const selection = useShownSelection(selectable.map(keyOf))
  const addressOf = (hostId: string) => hosts.data?.find((h) => h.id === hostId)?.address ?? ''
  const columns = placedContainerColumns<HostedContainer>({
    place: (c) => ({ hostId: c.hostId, hostAddress: addressOf(c.hostId) }),
    keyOf,
    selectable: listings.some((h) => mayChangeOn(h.id)),
    selection,
    extra: [hostColumn],
    canSelect: (c) => mayChangeOn(c.hostId),
    selectLabel: (c) => `Select ${displayName(c.name)} on ${c.hostName}`,
  })
  const targets = selectable
    .filter((c) => selection.isSelected(keyOf(c)))
    .map((c) => ({ hostId: c.hostId, id: c.id, name: `${displayName(c.name)} (${c.hostName})` }))

  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Containers on all hosts</h1>
        {list.data && (
          <span className={texts.muted}>
            {containers.filter((c) => c.state === 'running').length} running · {containers.length}{' '}
            total · {listings.length} host{listings.length === 1 ? '' : 's'}
          </span>
        )}
      </div>
      <UnavailableHosts hosts={listings} />
      <ContainerFilters
        containers={onHost}
        searchRef={searchRef}
        values={values}
        setters={setters}
        leading={
          <FilterPicker
            label="Host"
            value={hostFilter}
            options={listings.map((h) => ({ value: h.id, label: h.name }))}
            onChange={setHostFilter}
          />
        }
      />
      {targets.length > 0 && <BulkActions targets={targets} onDone={selection.clear} />}
      <ContainerTable
        list={list}
        total={list.data?.containers.length}
        items={items}
        label="Containers on all hosts"
        empty={NO_CONTAINERS}
        noMatch={NO_MATCH}
        columns={columns}
        sort={parseSort(sort)}
        onSort={(column) => {
          setSort(nextSort(sort, column))
        }}
        isSelected={(c) => selection.isSelected(keyOf(c))}
      />
    </section>
  )
}

const NO_CONTAINERS = (
  <EmptyState title="No container matches">
    None of your hosts has a container you may see.
  </EmptyState>
)
const NO_MATCH = <EmptyState title="No container matches">Clear the search or filters.</EmptyState>

/** Hosts whose containers are missing from the table, and why: never a failure of the list. */
function UnavailableHosts({ hosts }: { hosts: readonly HostListing[] }) {
  const down = hosts.filter((h) => h.state === 'unavailable')
  if (down.length === 0) return null
  return (
    <div className={bannerClass('warn')} role="status">
      Not listed:{' '}
      {down.map((h, i) => (
        <span key={h.id}>
          {i > 0 && '; '}
          <strong>{h.name}</strong> ({h.error ?? 'unavailable'})
        </span>
      ))}
    </div>
  )
}
