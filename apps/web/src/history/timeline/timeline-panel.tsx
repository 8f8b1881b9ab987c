import { useDeferredValue } from 'react'
import { useUrlParam } from '../../app/url-state.ts'
import { Button, EmptyState, ErrorState, FilterPicker, layout, Spinner } from '../../ui/index.ts'
import { TIMELINE_RANGES, type TimelineFilters, useTimeline } from './queries.ts'
import { TimelineTable } from './timeline-table.tsx'

const TYPES = ['container', 'image', 'network', 'volume', 'service', 'node', 'daemon']
const SOURCES = [
  { value: 'engine', label: 'Engine events' },
  { value: 'user', label: 'User actions' },
]

/**
 * A host's timeline with its filters (kept in the URL, so a link shares the view). A container's
 * or a stack's page fixes that filter and does not show it.
 */
export function TimelinePanel({
  hostId,
  container,
  stack,
}: {
  hostId: string
  container?: string
  stack?: string
}) {
  const [containerParam, setContainer] = useUrlParam('container')
  const [stackParam, setStack] = useUrlParam('stack')
  const [type, setType] = useUrlParam('type')
  const [user, setUser] = useUrlParam('user')
  const [q, setQ] = useUrlParam('q')
  const [source, setSource] = useUrlParam('source')
  const [range, setRange] = useUrlParam('range')
  const filters: TimelineFilters = {
    container: container ?? containerParam,
    stack: stack ?? stackParam,
    type,
    // Typing asks once the typing pauses, not at every key.
    user: useDeferredValue(user),
    q: useDeferredValue(q),
    source,
    range,
  }
  const timeline = useTimeline(hostId, filters)
  const entries = timeline.data?.pages.flatMap((page) => page.entries) ?? []
  return (
    <div>
      <div className={layout.filters}>
        {container === undefined && (
          <TextFilter
            label="Container"
            placeholder="name or id"
            value={containerParam}
            onChange={setContainer}
          />
        )}
        {stack === undefined && (
          <TextFilter label="Stack" placeholder="stack" value={stackParam} onChange={setStack} />
        )}
        <FilterPicker label="Type" value={type} options={TYPES} onChange={setType} />
        <FilterPicker label="Source" value={source} options={SOURCES} onChange={setSource} />
        <TextFilter label="User" placeholder="user" value={user} onChange={setUser} />
        <TextFilter label="Text" placeholder="name or action" value={q} onChange={setQ} />
        <FilterPicker
          label="Range"
          value={range}
          options={TIMELINE_RANGES.map(({ value, label }) => ({ value, label }))}
          onChange={setRange}
        />
      </div>
      {timeline.isPending ? (
        <Spinner label="Loading the timeline…" />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing happened that matches">
          <p>Engine events are kept from the moment Harbormaster watches the host.</p>
        </EmptyState>
      ) : (
        <TimelineTable entries={entries} />
      )}
      {timeline.hasNextPage && (
        <Button busy={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
          Older
        </Button>
      )}
    </div>
  )
}

function TextFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string
  placeholder: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => {
        onChange(e.target.value)
      }}
    />
  )
}
