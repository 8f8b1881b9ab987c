import type { ContainerSummary } from '@harbormaster/contract'
import { containerStateSchema } from '@harbormaster/contract'
import { useMemo, type ReactNode, type RefObject } from 'react'
import { FilterPicker, layout, SearchBox } from '../ui/index.ts'
import { filterChoices } from './container-view.ts'

interface Values {
  search: string
  state: string
  image: string
  label: string
  network: string
  group: string
}
interface Setters {
  setSearch: (v: string) => void
  setState: (v: string) => void
  setImage: (v: string) => void
  setLabel: (v: string) => void
  setNetwork: (v: string) => void
  setGroup: (v: string) => void
}

/** Search and filters; each is a query parameter, so the view can be linked. */
export function ContainerFilters({
  containers,
  searchRef,
  values,
  setters,
  leading,
}: {
  containers: readonly ContainerSummary[]
  searchRef: RefObject<HTMLInputElement | null>
  values: Values
  setters: Setters
  /** Filters of a view's own, before the shared ones (the host, across hosts). */
  leading?: ReactNode
}) {
  const choices = useMemo(() => filterChoices(containers), [containers])
  return (
    <div className={layout.filters} role="search">
      {leading}
      <SearchBox
        inputRef={searchRef}
        label="Search containers"
        value={values.search}
        onChange={setters.setSearch}
      />
      <FilterPicker
        label="State"
        value={values.state}
        options={containerStateSchema.options}
        onChange={setters.setState}
      />
      <FilterPicker
        label="Image"
        value={values.image}
        options={choices.images}
        onChange={setters.setImage}
      />
      <FilterPicker
        label="Network"
        value={values.network}
        options={choices.networks}
        onChange={setters.setNetwork}
      />
      <input
        list="label-keys"
        placeholder="label or label=value"
        aria-label="Label filter"
        value={values.label}
        onChange={(e) => {
          setters.setLabel(e.target.value)
        }}
      />
      <datalist id="label-keys">
        {choices.labels.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <label className={layout.check}>
        <input
          type="checkbox"
          checked={values.group === 'compose'}
          onChange={(e) => {
            setters.setGroup(e.target.checked ? 'compose' : '')
          }}
        />
        Group by compose project
      </label>
    </div>
  )
}
