import { stackStatusSchema, type StackSummary } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { type RefObject, useMemo, useRef } from 'react'
import { Link, useParams } from 'wouter'
import { useUrlParam } from '../app/url-state.ts'
import { canChange, useHost } from '../hosts/index.ts'
import {
  buttonClass,
  EmptyState,
  FilterPicker,
  layout,
  ResourceBody,
  SearchBox,
  texts,
  useSlashFocus,
} from '../ui/index.ts'
import { stackColumns } from './stack-columns.tsx'
import { ORIGIN_LABEL, filterStacks } from './stack-view.ts'
import { stackListOptions } from './queries.ts'

const noStacks: readonly StackSummary[] = []

/** Every compose project of the host, ours and the CLI's, kept live by the host's events. */
export function StackListPage() {
  const { hostId } = useParams<{ hostId: string }>()
  const host = useHost(hostId)
  const list = useQuery(stackListOptions(hostId))
  const [search, setSearch] = useUrlParam('q')
  const [origin, setOrigin] = useUrlParam('origin')
  const [status, setStatus] = useUrlParam('status')
  const searchRef = useRef<HTMLInputElement>(null)
  useSlashFocus(searchRef)
  const stacks = list.data ?? noStacks
  const rows = useMemo(
    () => filterStacks(stacks, { search, origin, status }),
    [stacks, search, origin, status],
  )
  const columns = stackColumns(hostId, host?.address ?? '')
  return (
    <section className={layout.page}>
      <div className={layout.pageHead}>
        <h1>Stacks</h1>
        {list.data && (
          <span className={texts.muted}>
            {list.data.filter((s) => s.status === 'running').length} running · {list.data.length}{' '}
            total
          </span>
        )}
        {canChange(host) && (
          <Link
            href={`/hosts/${encodeURIComponent(hostId)}/stacks/new`}
            className={clsx(buttonClass('primary'), layout.pushEnd)}
          >
            New stack
          </Link>
        )}
      </div>
      <StackFilters
        searchRef={searchRef}
        values={{ search, origin, status }}
        setters={{ setSearch, setOrigin, setStatus }}
      />
      {list.data?.length === 0 ? (
        <EmptyState title="No stacks on this host">
          <p>
            Create one from a compose file, or start a project with <code>docker compose</code>: it
            appears here at once.
          </p>
        </EmptyState>
      ) : (
        <ResourceBody
          query={list}
          rows={rows}
          columns={columns}
          label="Stacks"
          keyOf={(s) => s.name}
          empty="No stack matches these filters"
        />
      )}
    </section>
  )
}

function StackFilters({
  searchRef,
  values,
  setters,
}: {
  searchRef: RefObject<HTMLInputElement | null>
  values: { search: string; origin: string; status: string }
  setters: {
    setSearch: (v: string) => void
    setOrigin: (v: string) => void
    setStatus: (v: string) => void
  }
}) {
  return (
    <div className={layout.filters} role="search">
      <SearchBox
        inputRef={searchRef}
        label="Search stacks"
        placeholder="Search stacks or services (press /)"
        value={values.search}
        onChange={setters.setSearch}
      />
      <FilterPicker
        label="Origin"
        value={values.origin}
        options={Object.entries(ORIGIN_LABEL).map(([value, label]) => ({ value, label }))}
        onChange={setters.setOrigin}
      />
      <FilterPicker
        label="Status"
        value={values.status}
        options={stackStatusSchema.options}
        onChange={setters.setStatus}
      />
    </div>
  )
}
